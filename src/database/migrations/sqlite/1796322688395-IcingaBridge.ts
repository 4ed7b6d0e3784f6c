import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A target's link to an Icinga object (`icinga_*`) and the bridge's record of its submissions.
 * The columns are added in place: rebuilding `targets` would drop its `targets_updated_at`
 * trigger and, with foreign keys on, the rows that belong to the targets.
 */
export class IcingaBridge1796322688395 implements MigrationInterface {
  name = 'IcingaBridge1796322688395';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "targets" ADD COLUMN "icinga_site" varchar(100)`);
    await queryRunner.query(`ALTER TABLE "targets" ADD COLUMN "icinga_host" varchar(255)`);
    await queryRunner.query(`ALTER TABLE "targets" ADD COLUMN "icinga_service" varchar(255)`);
    await queryRunner.query(
      `CREATE TABLE "icinga_bridge_states" ("target_id" integer PRIMARY KEY NOT NULL, "last_attempt_at" datetime(3) NOT NULL, "last_submitted_at" datetime(3), "last_error" varchar(1024), CONSTRAINT "FK_icinga_bridge_states_target" FOREIGN KEY ("target_id") REFERENCES "targets" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "icinga_bridge_states"`);
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "icinga_service"`);
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "icinga_host"`);
    await queryRunner.query(`ALTER TABLE "targets" DROP COLUMN "icinga_site"`);
  }
}
