-- vigil MySQL/MariaDB schema, produced by `npm run schema:generate` from the migrations.

CREATE TABLE `cluster_members` (
  `id` varchar(64) NOT NULL,
  `host` varchar(255) NOT NULL,
  `pid` int(11) NOT NULL,
  `version` varchar(64) NOT NULL,
  `started_at` datetime(3) NOT NULL,
  `heartbeat_at` datetime(3) NOT NULL,
  `targets` int(11) NOT NULL DEFAULT 0,
  `probing` tinyint(4) NOT NULL DEFAULT 0,
  `probes_per_second` double NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `command_audit` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `user_name` varchar(64) NOT NULL,
  `sent_at` datetime(3) NOT NULL,
  `site` varchar(100) DEFAULT NULL,
  `transport` varchar(16) NOT NULL,
  `command` varchar(64) NOT NULL,
  `line` text NOT NULL,
  `outcome` varchar(8) NOT NULL,
  `error` text DEFAULT NULL,
  `catalogued` tinyint(4) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  KEY `IDX_command_audit_user_name` (`user_name`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `icinga_bridge_states` (
  `target_id` int(11) NOT NULL,
  `last_attempt_at` datetime(3) NOT NULL,
  `last_submitted_at` datetime(3) DEFAULT NULL,
  `last_error` varchar(1024) DEFAULT NULL,
  PRIMARY KEY (`target_id`),
  CONSTRAINT `FK_icinga_bridge_states_target` FOREIGN KEY (`target_id`) REFERENCES `targets` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `migrations` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `timestamp` bigint(20) NOT NULL,
  `name` varchar(255) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `notifications` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `notifier_id` int(11) NOT NULL,
  `target_id` int(11) NOT NULL,
  `target_name` varchar(128) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `subject` varchar(400) NOT NULL,
  `text` text NOT NULL,
  `html` text NOT NULL,
  `state` varchar(16) NOT NULL,
  `attempts` int(11) NOT NULL,
  `next_attempt_at` datetime(3) NOT NULL,
  `last_error` text DEFAULT NULL,
  `created_at` datetime(3) NOT NULL,
  `sent_at` datetime(3) DEFAULT NULL,
  `claimed_by` varchar(128) DEFAULT NULL,
  `claim_expires_at` datetime(3) DEFAULT NULL,
  `event` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `IDX_notifications_notifier_state` (`notifier_id`,`state`),
  KEY `IDX_notifications_created` (`created_at`),
  KEY `IDX_notifications_state_due` (`state`,`next_attempt_at`),
  KEY `IDX_notifications_target_notifier` (`target_id`,`notifier_id`,`state`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `notification_cursor` (
  `id` int(11) NOT NULL,
  `last_change_id` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `notifiers` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(128) NOT NULL,
  `type` varchar(16) NOT NULL,
  `address` text NOT NULL,
  `smtp_host` varchar(255) DEFAULT NULL,
  `smtp_port` int(11) DEFAULT NULL,
  `smtp_security` varchar(16) DEFAULT NULL,
  `smtp_username` varchar(255) DEFAULT NULL,
  `smtp_password` text DEFAULT NULL,
  `smtp_from` varchar(320) DEFAULT NULL,
  `enabled` tinyint(4) NOT NULL,
  `sent_count` int(11) NOT NULL,
  `failed_count` int(11) NOT NULL,
  `last_error` text DEFAULT NULL,
  `last_sent_at` datetime(3) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `webhook_url` text DEFAULT NULL,
  `webhook_headers` text DEFAULT NULL,
  `webhook_header_names` text DEFAULT NULL,
  `webhook_format` varchar(16) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `IDX_16af8a890ae3e6c71e4c04da6d` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `probe_results` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `target_id` int(11) NOT NULL,
  `probed_at` datetime(3) NOT NULL,
  `status` varchar(4) NOT NULL,
  `http_status` int(11) DEFAULT NULL,
  `response_time_ms` int(11) NOT NULL,
  `description` varchar(1024) NOT NULL,
  `redirects` int(11) NOT NULL DEFAULT 0,
  `final_url` varchar(2048) DEFAULT NULL,
  `certificate_expires_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `IDX_probe_results_time` (`probed_at`),
  KEY `IDX_probe_results_target_time` (`target_id`,`probed_at`),
  CONSTRAINT `FK_ee3e5de99d54af51eda93998a62` FOREIGN KEY (`target_id`) REFERENCES `targets` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `shard_leases` (
  `shard` int(11) NOT NULL,
  `owner` varchar(64) DEFAULT NULL,
  `epoch` int(11) NOT NULL,
  `expires_at` datetime(3) NOT NULL,
  PRIMARY KEY (`shard`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `state_changes` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `target_id` int(11) NOT NULL,
  `from_status` varchar(4) NOT NULL,
  `to_status` varchar(4) NOT NULL,
  `changed_at` datetime(3) NOT NULL,
  `notify` tinyint(4) NOT NULL,
  `details` text NOT NULL,
  PRIMARY KEY (`id`),
  KEY `IDX_state_changes_target` (`target_id`,`changed_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `targets` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(128) NOT NULL,
  `url` varchar(2048) NOT NULL,
  `method` varchar(8) NOT NULL,
  `headers` text NOT NULL,
  `body` text DEFAULT NULL,
  `auth_type` varchar(16) NOT NULL,
  `auth_username` varchar(255) DEFAULT NULL,
  `auth_password` text DEFAULT NULL,
  `auth_url` varchar(2048) DEFAULT NULL,
  `keystone_version` varchar(8) DEFAULT NULL,
  `project_name` varchar(255) DEFAULT NULL,
  `project_id` varchar(255) DEFAULT NULL,
  `tenant_id` varchar(255) DEFAULT NULL,
  `tenant_name` varchar(255) DEFAULT NULL,
  `user_domain` varchar(255) DEFAULT NULL,
  `project_domain` varchar(255) DEFAULT NULL,
  `frequency_seconds` int(11) NOT NULL,
  `timeout_seconds` int(11) NOT NULL,
  `expected_status` varchar(128) NOT NULL,
  `body_contains` text DEFAULT NULL,
  `body_regex` varchar(1024) DEFAULT NULL,
  `json_path` varchar(512) DEFAULT NULL,
  `json_equals` text DEFAULT NULL,
  `max_response_time_ms` int(11) DEFAULT NULL,
  `failure_threshold` int(11) NOT NULL,
  `recovery_threshold` int(11) NOT NULL,
  `enabled` tinyint(4) NOT NULL,
  `notifier_ids` text NOT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `fresh_connection` tinyint(4) NOT NULL DEFAULT 0,
  `secret_headers` text DEFAULT NULL,
  `follow_redirects` tinyint(4) NOT NULL DEFAULT 1,
  `body_not_contains` text DEFAULT NULL,
  `tls_ca_certificate` text DEFAULT NULL,
  `tls_insecure_skip_verify` tinyint(4) NOT NULL DEFAULT 0,
  `tls_server_name` varchar(253) DEFAULT NULL,
  `certificate_expiry_days` int(11) DEFAULT NULL,
  `icinga_site` varchar(100) DEFAULT NULL,
  `icinga_host` varchar(255) DEFAULT NULL,
  `icinga_service` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `IDX_0027e2dfa88fd4d85a382976ec` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `target_states` (
  `target_id` int(11) NOT NULL,
  `status` varchar(8) NOT NULL,
  `status_description` varchar(1024) DEFAULT NULL,
  `previous_status` varchar(8) DEFAULT NULL,
  `last_updated` datetime(3) NOT NULL,
  `last_probe_at` datetime(3) DEFAULT NULL,
  `last_response_time_ms` int(11) DEFAULT NULL,
  `pass_count` int(11) NOT NULL,
  `fail_count` int(11) NOT NULL,
  `status_2xx_count` int(11) NOT NULL,
  `status_3xx_count` int(11) NOT NULL,
  `status_4xx_count` int(11) NOT NULL,
  `status_5xx_count` int(11) NOT NULL,
  `network_fail_count` int(11) NOT NULL,
  `repeated_fail_count` int(11) NOT NULL,
  `repeated_pass_count` int(11) NOT NULL,
  PRIMARY KEY (`target_id`),
  CONSTRAINT `FK_target_states_target` FOREIGN KEY (`target_id`) REFERENCES `targets` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `password_hash` varchar(100) NOT NULL,
  `role` varchar(16) NOT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `IDX_51b8b26ac168fbe7d6f5653e6c` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1795227792084, 'Users1795227792084');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1795229294866, 'Targets1795229294866');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1795232592090, 'Probing1795232592090');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1795232656034, 'CommandAudit1795232656034');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1795233188546, 'Notifications1795233188546');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796289318282, 'StateChanges1796289318282');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796290770455, 'SecretHeaders1796290770455');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796299977241, 'NameLength1281796299977241');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796300034071, 'UncataloguedCommands1796300034071');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796310644176, 'TargetStates1796310644176');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796314446146, 'OutboxClaims1796314446146');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796320000000, 'Cluster1796320000000');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796321037981, 'WebhookNotifiers1796321037981');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796321037982, 'WebhookEvents1796321037982');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796321388815, 'ProbeParity1796321388815');
INSERT INTO `migrations` (`timestamp`, `name`) VALUES (1796322688395, 'IcingaBridge1796322688395');
