import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxClaims1796314446146 implements MigrationInterface {
  name = 'OutboxClaims1796314446146';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD COLUMN "claimed_by" varchar(128)`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD COLUMN "claim_expires_at" datetime(3)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "claim_expires_at"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "claimed_by"`);
  }
}
