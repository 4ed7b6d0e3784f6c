import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instances on one database and the leases of the targets' shards (used on MySQL/MariaDB only,
 * kept alike here). `targets.updated_at` follows every change of a row, to the millisecond, also
 * those made in SQL, so that probing sees them: SQLite does not update it by itself.
 */
/** The trigger behind `targets.updated_at`; a migration that rebuilds `targets` makes it again. */
export const TARGETS_UPDATED_AT_TRIGGER = `CREATE TRIGGER "targets_updated_at" AFTER UPDATE ON "targets" FOR EACH ROW BEGIN UPDATE "targets" SET "updated_at" = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE "id" = NEW."id"; END`;

export class Cluster1796320000000 implements MigrationInterface {
  name = 'Cluster1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cluster_members" ("id" varchar(64) PRIMARY KEY NOT NULL, "host" varchar(255) NOT NULL, "pid" integer NOT NULL, "version" varchar(64) NOT NULL, "started_at" datetime(3) NOT NULL, "heartbeat_at" datetime(3) NOT NULL, "targets" integer NOT NULL DEFAULT (0), "probing" boolean NOT NULL DEFAULT (0), "probes_per_second" double NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shard_leases" ("shard" integer PRIMARY KEY NOT NULL, "owner" varchar(64), "epoch" integer NOT NULL, "expires_at" datetime(3) NOT NULL)`,
    );
    await queryRunner.query(TARGETS_UPDATED_AT_TRIGGER);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "targets_updated_at"`);
    await queryRunner.query(`DROP TABLE "shard_leases"`);
    await queryRunner.query(`DROP TABLE "cluster_members"`);
  }
}
