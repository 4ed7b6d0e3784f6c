// Generated from openapi/openapi.json by `npm run openapi:generate`; do not edit.
export interface paths {
    "/api/v1/acknowledgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge a host or service problem
         * @description Acknowledges the current problem of a host or of one of its services, so that Icinga stops notifying about it; 409 when the object is UP or OK and there is nothing to acknowledge. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["acknowledgeProblem"];
        /**
         * Remove the acknowledgement of a host or service
         * @description Removes the acknowledgement of a host or service, so that notifications about its problem resume. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        delete: operations["removeAcknowledgement"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every command sent: who, when, where, the line and the outcome; newest first
         * @description The audit log of external commands: who sent which command line, to which site and transport, when, and whether Icinga took it. Filter by user; paginated. Needs `admin`.
         */
        get: operations["listCommandAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/check-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a passive check result for a host or service
         * @description Submits a passive check result (exit status and plugin output) for a host or service, as a monitored system or a pipeline step would. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["submitCheckResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checks/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force a check of a host or service now
         * @description Asks Icinga to check a host or service now instead of waiting for its next scheduled check, e.g. after a fix. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["rescheduleCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cluster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The vigil instances sharing the database, with their shards and load
         * @description Each live instance with its heartbeat, the shards it leases, the targets it probes and its probes per second. Needs `viewer`.
         */
        get: operations["getCluster"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an external command through the pipe, livestatus or the Icinga 2 API
         * @description A command of the catalogue is checked argument by argument. Any other external command (named in capitals, digits and `_`) is sent with its arguments, a list in Icinga's order, as given, and audited as uncatalogued; a line break or NUL, a `;` in any argument but the last, an argument starting another command (`[<epoch>]`, `COMMAND`, `GET`, a command name) and the commands vigil never sends (README) are refused with 400. On an Icinga 2 API site the commands of the catalogue are translated to API requests; the others are refused with 400 (not available on an Icinga 2 API site), and a command naming no object Icinga has is 404 with Icinga's message. Needs `operator`.
         */
        post: operations["sendCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/commands/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The external commands vigil can send, with their argument schemas
         * @description Every external command `POST /api/v1/commands` accepts, with its arguments in Icinga's order, their types and which are optional. Any role.
         */
        get: operations["listCommandCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a comment to a host or service
         * @description Adds a comment to a host or service, shown in Icinga's interfaces; the answer has the new comment's id when it could be read back. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["addComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downtimes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current downtimes, paginated
         * @description The downtimes Icinga currently knows on one site, filtered by host or service, paginated, with the ids `DELETE /api/v1/downtimes/{id}` takes. Any role; 503/504 when the site cannot be reached or does not answer.
         */
        get: operations["listDowntimes"];
        put?: never;
        /**
         * Schedule a downtime for a host (and its services), a service or a group
         * @description What a deployment pipeline calls before a rollout: schedules a fixed or flexible downtime for a host (optionally with all its services), one service, or every member of a host or service group, from `start` (now) to `end` or for `durationSeconds`. 201 with the downtimes' ids when read back, 202 when sent but not yet visible; 404 when the object or group is unknown. Needs `operator`.
         */
        post: operations["createDowntime"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/downtimes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a host or service downtime by its Icinga id
         * @description Ends a host or service downtime early, e.g. after a rollout, by the id `createDowntime` or `listDowntimes` gave. 200 when it is gone from the site, 202 when sent but still listed; 404 when no downtime has this id. Needs `operator`.
         */
        delete: operations["deleteDowntime"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestatus/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run one LQL GET request written by the caller, on one or more sites
         * @description For queries the table endpoint cannot express: one LQL `GET` request as written, read-only (no `COMMAND`, no headers that change the answer's format). Same answers and errors as `GET /api/v1/livestatus/{table}`. Any role.
         */
        post: operations["runLivestatusQuery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestatus/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Configured livestatus sites with reachability, latency and program version
         * @description Each configured site (livestatus socket or Icinga 2 API) with whether it answers now, how fast, and the program version it reports; a quick check before a query. Any role.
         */
        get: operations["listLivestatusSites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestatus/{table}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query a livestatus table with columns, filters and stats, on one or more sites
         * @description Builds the LQL from the parameters (table, columns, filters, stats, limit), so no LQL needs writing; asks one, several or all sites and adds a `site` column. 404 for an unknown table, 400 for a bad column or filter, 413 when the answer is too large, 503 when a site is unreachable, 504 when it does not answer in time. Any role.
         */
        get: operations["queryLivestatusTable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The authenticated user and role
         * @description Who the credentials belong to and their role (`viewer`, `operator` or `admin`): a cheap way for a script or Swagger UI's Authorize to check a user and password. Any role.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The notification outbox, newest first, filtered by state and paginated
         * @description The mails and webhook events vigil has queued or sent for target failures and recoveries, newest first: state (pending, sending, sent, dead, dropped), attempts and last error, filtered by state, notifier or target. Shows whether an SMTP or receiver outage is holding notifications back. Any role.
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable notifications for a host, a service, or globally
         * @description Turns Icinga's notifications off for a host, a service, or (with no host) globally, e.g. during maintenance without a downtime. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["disableNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable notifications for a host, a service, or globally
         * @description Turns Icinga's notifications back on for a host, a service, or (with no host) globally. The object is looked up on the site first (404 when Icinga does not know it); the answer says whether the change showed on the site: 200 when read back, 202 when sent but not seen in time. 503 when the pipe or the site cannot be reached, 504 when it does not answer in time. Needs the `operator` role.
         */
        post: operations["enableNotifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Notifiers, filtered, sorted and paginated
         * @description The notifiers (e-mail or webhook) targets can name, filtered by enabled flag or name, sorted and paginated, with their delivery counts. Passwords are never returned (`hasPassword` instead), nor webhook URLs (their `origin` only) or header values (their names only). Any role.
         */
        get: operations["listNotifiers"];
        put?: never;
        /**
         * Define a notifier
         * @description Defines an SMTP notifier (server, sender, recipients, optional credentials) or a WEBHOOK notifier (URL, optional headers, body format `json`, `slack` or `teams`); the password, the webhook URL and the header values are stored encrypted and never returned. 409 when the name is taken (case aside). Needs `admin`.
         */
        post: operations["createNotifier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a notifier definition as create would, without creating it
         * @description Runs every check of `POST /api/v1/notifiers`, a taken name included, and answers 204 without storing anything: 400 names each invalid field, 409 a name in use. For imports and scripts that want to know before they create (`vigil import skypunch --dry-run`). Needs `admin`.
         */
        post: operations["validateNotifier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One notifier with its statistics
         * @description One notifier with its settings (no password, webhook URL or header value) and its delivery statistics. 404 when it does not exist. Any role.
         */
        get: operations["getNotifier"];
        put?: never;
        post?: never;
        /**
         * Delete a notifier (409 while a target names it in notifierIds)
         * @description Deletes a notifier. 409 while a target still names it in `notifierIds`: remove it there first, or disable the notifier instead. Needs `admin`.
         */
        delete: operations["deleteNotifier"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a notifier
         * @description Changes only the fields given; `smtp` and `webhook` are replaced as a whole, but a `password`, webhook `url` or `headers` left out keeps the stored one. 409 when the new name is taken. Needs `admin`.
         */
        patch: operations["updateNotifier"];
        trace?: never;
    };
    "/api/v1/notifiers/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop sending through a notifier
         * @description Keeps the notifier's definition but sends nothing through it until it is enabled again. Needs `operator`.
         */
        post: operations["disableNotifier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send notifications through a notifier
         * @description Notifications go through this notifier again, from the next state change on. Needs `operator`.
         */
        post: operations["enableNotifier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers/{id}/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Take over the delivery counts another monitor kept for a notifier vigil has not sent through yet
         * @description For moving from another monitor (`vigil import skypunch` uses it): sets `sentCount` and `failedCount` of a notifier, as if vigil had counted them so far. 409 once vigil has sent or tried to send through the notifier, so counts it made itself are never overwritten; 404 for an unknown notifier. Needs `admin`.
         */
        put: operations["importNotifierStatistics"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifiers/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test mail or webhook event through a notifier now, outside the outbox (502 with the error when refused)
         * @description Sends one test mail through the notifier's SMTP server, or posts one `TEST` event (WebhookEventDto, in the notifier's format) to its webhook, right away, bypassing the outbox, to check its settings. 502 with the SMTP server's answer, or the receiver's HTTP status, when it refuses or cannot be reached (never the webhook URL beyond its origin, nor a header value); 409 when the stored secrets cannot be decrypted. Needs `admin`.
         */
        post: operations["sendTestMail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Targets, filtered, sorted and paginated
         * @description The targets vigil probes, with status, counters and last response time; filter by status, enabled flag or name, sort and paginate. Passwords are never returned. Any role.
         */
        get: operations["listTargets"];
        put?: never;
        /**
         * Define a target to probe
         * @description Defines an HTTP target: URL, method, headers and body, auth (none, Basic or OpenStack Keystone), frequency, timeout and the expected answer. Its status is `NEW` until the first probe. 409 when the name is taken. Needs `admin`.
         */
        post: operations["createTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a target definition as create would, without creating it
         * @description Runs every check of `POST /api/v1/targets`, a taken name included, and answers 204 without storing anything: 400 names each invalid field, 409 a name in use. For imports and scripts that want to know before they create (`vigil import skypunch --dry-run`). Needs `admin`.
         */
        post: operations["validateTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One target with its status and counters
         * @description One target with its definition, status, previous status, counters and last response time. 404 when it does not exist. Any role.
         */
        get: operations["getTarget"];
        put?: never;
        post?: never;
        /**
         * Delete a target and its state
         * @description Deletes a target and its state; it is not probed any more. Needs `admin`.
         */
        delete: operations["deleteTarget"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a target
         * @description Changes only the fields given (`null` removes an optional setting); probing picks up the change at once, and a password left out is kept. 409 when the new name is taken. Needs `admin`.
         */
        patch: operations["updateTarget"];
        trace?: never;
    };
    "/api/v1/targets/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop probing a target
         * @description The target keeps its definition and counters but is not probed until enabled again. Needs `operator`.
         */
        post: operations["disableTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start probing a target
         * @description Probing of the target resumes on its frequency. Needs `operator`.
         */
        post: operations["enableTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}/probe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Probe a target now, record the result and return it with its step trace
         * @description Probes the target once now, outside its schedule, records the result like a scheduled probe and returns it with the steps taken, to show why it passed or failed. With `notify`, a change of status also sends notifications. Needs `operator`.
         */
        post: operations["probeTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Probe results of a target, newest first
         * @description The recorded probes of a target, newest first, optionally since a time: status, description, HTTP status and response time. Any role.
         */
        get: operations["listTargetResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Take over the status and counters another monitor kept for a target vigil has not probed yet
         * @description For moving from another monitor (`vigil import skypunch` uses it): sets status, previous status, last change and the pass/fail/status-class counters of a target, as if vigil had probed it so far. 409 once vigil has probed the target, so history it recorded itself is never overwritten; 404 for an unknown target. Needs `admin`.
         */
        put: operations["importTargetState"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/targets/{id}/uptime": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Uptime and mean response time of a target over 24 h, 7 d and 30 d
         * @description The share of passing probes and the mean response time of a target over the last 24 hours, 7 days and 30 days, from its recorded results. Any role.
         */
        get: operations["getTargetUptime"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The users who may sign in, and their roles
         * @description Every user who may sign in, with their role, sorted by name; never a password or hash. Users come from `VIGIL_USERS`, `VIGIL_USERS_FILE` or the generated first admin. Needs `admin`.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/cmd": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * livestatus-service compatible command: q=NAME;args, handler=livestatus|icinga
         * @description Parameters the route does not use (a cache-buster such as `_=1700000000`) are ignored, as livestatus-service ignored them. The same parameters may come in an `application/x-www-form-urlencoded` body; a non-empty one in the query string wins. Any external command `NAME;arg;...` is sent: one of the catalogue with its arguments checked, any other (an uncatalogued name of capitals, digits and `_`) with its arguments as given; never a line break, NUL or a second command, and never a command refused on purpose (README lists them). On an Icinga 2 API site `handler` does not apply: a command of the catalogue is translated to API requests, any other is 400 (not available on an Icinga 2 API site), and one naming no object Icinga has is 404.
         */
        get: operations["legacyCommand"];
        put?: never;
        /**
         * The same as GET /cmd, for scripts that POST (parameters also as a form body)
         * @description Parameters the route does not use (a cache-buster such as `_=1700000000`) are ignored, as livestatus-service ignored them. The same parameters may come in an `application/x-www-form-urlencoded` body; a non-empty one in the query string wins. Any external command `NAME;arg;...` is sent: one of the catalogue with its arguments checked, any other (an uncatalogued name of capitals, digits and `_`) with its arguments as given; never a line break, NUL or a second command, and never a command refused on purpose (README lists them). On an Icinga 2 API site `handler` does not apply: a command of the catalogue is translated to API requests, any other is 400 (not available on an Icinga 2 API site), and one naming no object Icinga has is 404.
         */
        post: operations["legacyCommandPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * State of vigil, its database, sites, command pipe, mail and probing
         * @description Answers 200 while the database answers and takes writes, 503 with `Retry-After` otherwise: the status depends on the database alone. It also tells whether each monitoring site answers (asked at most every 5 s, each within 2 s), whether the command pipe has a reader, the mails waiting in the outbox and how probing keeps up. Needs no credentials.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the process runs (liveness probe)
         * @description Always 200 `{"status":"ok"}` while the process runs and its event loop turns; asks nothing else, so a database or Icinga outage never makes an orchestrator restart vigil. Needs no credentials.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether vigil can serve requests (readiness probe)
         * @description Answers 200 when the database answers and takes writes and every migration is applied, 503 with `Retry-After` otherwise, so that a load balancer sends requests elsewhere meanwhile. Needs no credentials.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics of this instance (text exposition format)
         * @description Process and Node.js metrics, probes by target and result, target status, probe duration and schedule lag, the recorder queue and batch writes, site queries, commands, the outbox, HTTP requests by route template, and the cluster when instances share the database. Needs the viewer role unless VIGIL_METRICS_PUBLIC=true.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * livestatus-service compatible query: q=<LQL>, optionally keyed by a column
         * @description Parameters the route does not use (a cache-buster such as `_=1700000000`) are ignored, as livestatus-service ignored them. The same parameters may come in an `application/x-www-form-urlencoded` body; a non-empty one in the query string wins. A `Stats:` column is named by the text after `Stats:`, as livestatus-service named it; `StatsAnd`/`StatsOr`/`StatsNegate` leave the names alone, so a combined column keeps the name of its first `Stats:` line.
         */
        get: operations["legacyQuery"];
        put?: never;
        /**
         * The same as GET /query, for scripts that POST (parameters also as a form body)
         * @description Parameters the route does not use (a cache-buster such as `_=1700000000`) are ignored, as livestatus-service ignored them. The same parameters may come in an `application/x-www-form-urlencoded` body; a non-empty one in the query string wins. A `Stats:` column is named by the text after `Stats:`, as livestatus-service named it; `StatsAnd`/`StatsOr`/`StatsNegate` leave the names alone, so a combined column keeps the name of its first `Stats:` line.
         */
        post: operations["legacyQueryPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcknowledgeDto: {
            /** @description Who acknowledges; the caller when absent. */
            author?: string;
            /**
             * @description Why (may contain `;`, not a line break).
             *     With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
             *     included), else 400 naming this field; `livestatus` has no such limit.
             */
            comment: string;
            hostName: string;
            /** @description Notify contacts of the acknowledgement. */
            notify?: boolean;
            /** @description Keep the acknowledgement's comment across restarts. */
            persistent?: boolean;
            /** @description A service of the host; the host itself when absent. */
            serviceDescription?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /** @description Keep the acknowledgement until the object is OK/UP again (not just until any change). */
            sticky?: boolean;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        BasicAuthDto: {
            /**
             * @description Write-only: never answered, only `hasPassword`. Required on create and when the auth type
             *     changes; on update, leave it out to keep the stored one.
             */
            password?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "BASIC";
            username: string;
        };
        CatalogArgDto: {
            description?: string;
            /** @description The last argument may contain `;`. */
            freeText: boolean;
            name: string;
            required: boolean;
            /** @enum {string} */
            type: "boolean" | "commentId" | "downtimeId" | "epoch" | "integer" | "string";
        };
        CatalogEntryDto: {
            /** @description The arguments in Icinga's order. */
            args: components["schemas"]["CatalogArgDto"][];
            description: string;
            name: string;
        };
        CheckResultDto: {
            /**
             * @description Services: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Hosts: 0 UP, 1 DOWN.
             * @enum {number}
             */
            exitStatus: 0 | 1 | 2 | 3;
            hostName: string;
            /**
             * @description The plugin output (may contain `;` and `|perfdata`, not a line break).
             *     With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
             *     included), else 400 naming this field; `livestatus` has no such limit.
             */
            output: string;
            /** @description A service of the host; the host itself when absent. */
            serviceDescription?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        ClusterDto: {
            /**
             * @description Whether the instances lease shards through the database (MySQL/MariaDB with
             *     VIGIL_CLUSTER=auto); when not, this instance alone is listed.
             */
            enabled: boolean;
            instances: components["schemas"]["ClusterInstanceDto"][];
            /** @description How long a lease and a heartbeat last without being renewed (VIGIL_CLUSTER_LEASE_SECONDS). */
            leaseSeconds: number;
        };
        ClusterInstanceDto: {
            /**
             * Format: date-time
             * @description Its last heartbeat; an instance whose heartbeat is older than the lease is gone.
             */
            heartbeatAt: string;
            /** @description The host it runs on. */
            host: string;
            /** @description The instance's id, new at each start. */
            id: string;
            /** @description Its process id on that host. */
            pid: number;
            /** @description Probes it started per second between its last two heartbeats. */
            probesPerSecond: number;
            /** @description Shards of the 256 whose leases it holds (a target's shard is its id modulo 256). */
            shards: number;
            /** Format: date-time */
            startedAt: string;
            /** @description Targets it probes, as of its last heartbeat. */
            targets: number;
            /** @description The vigil version it runs. */
            version: string;
        };
        CommandAuditDto: {
            /** @description False for a command outside the catalogue, sent with its arguments as given. */
            catalogued: boolean;
            command: string;
            error: string | null;
            id: number;
            /** @description The line as sent. */
            line: string;
            /**
             * @description `sent`, or `failed` with `error`.
             * @enum {string}
             */
            outcome: "failed" | "sent";
            /** Format: date-time */
            sentAt: string;
            site: string | null;
            /** @enum {string} */
            transport: "api" | "livestatus" | "pipe";
            /** @description Who sent it. */
            user: string;
        };
        CommandAuditListDto: {
            /** @description Newest first. */
            items: components["schemas"]["CommandAuditDto"][];
            total: number;
        };
        CommandOutcomeDto: {
            /** @description The commands sent, in order. */
            commands: components["schemas"]["SentCommandDto"][];
            /** @description The effect was read back from the site within the wait (answer 200); else 202. */
            confirmed: boolean;
            /** @description Why the answer is 202: the effect was not visible in time. */
            warning?: string;
        };
        CommandPipeHealthDto: {
            /** @description Why commands cannot go through the pipe now, e.g. `no process is reading it (is Icinga 2 running?)`. */
            error?: string;
            /** @description A process (Icinga 2) reads the pipe, so commands sent through it are taken; told without writing to it. */
            hasReader: boolean;
            /** @description The configured command pipe (VIGIL_COMMAND_PIPE). */
            path: string;
            /** @description The path exists and is a FIFO. */
            present: boolean;
        };
        CommentCreatedDto: {
            /** @description The commands sent, in order. */
            commands: components["schemas"]["SentCommandDto"][];
            /** @description Icinga's id of the new comment, when it was seen in time. */
            commentId?: number;
            /** @description The effect was read back from the site within the wait (answer 200); else 202. */
            confirmed: boolean;
            /** @description Why the answer is 202: the effect was not visible in time. */
            warning?: string;
        };
        CreateCommentDto: {
            /** @description Who writes it; the caller when absent. */
            author?: string;
            /**
             * @description The comment (may contain `;`, not a line break).
             *     With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
             *     included), else 400 naming this field; `livestatus` has no such limit.
             */
            comment: string;
            hostName: string;
            /** @description Keep the comment across restarts (default true). */
            persistent?: boolean;
            /** @description A service of the host; the host itself when absent. */
            serviceDescription?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        CreateDowntimeDto: {
            /** @description Also every service of the host (or of the host group's hosts). */
            allServices?: boolean;
            /** @description Who schedules it; the caller when absent. */
            author?: string;
            /**
             * @description Why (may contain `;`, not a line break).
             *     With the `pipe` transport the whole command must fit in 4096 bytes (UTF-8, newline
             *     included), else 400 naming this field; `livestatus` has no such limit.
             */
            comment: string;
            /**
             * @description Length in seconds: the end is `start` + this when `end` is absent; for a flexible
             *     downtime (`fixed: false`) how long it lasts once it begins.
             */
            durationSeconds?: number;
            /** @description End (ISO 8601); give this or `durationSeconds`. */
            end?: string;
            /** @description Fixed (default) or flexible. */
            fixed?: boolean;
            /** @description Every host of this host group. */
            hostGroup?: string;
            /** @description The host (with `serviceDescription`: that service's host). */
            hostName?: string;
            /** @description One service of `hostName`. */
            serviceDescription?: string;
            /** @description Every service of this service group. */
            serviceGroup?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /** @description Start (ISO 8601); now when absent. */
            start?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        CreateNotifierDto: {
            /**
             * @description The recipients: 1-50 e-mail addresses (an update replaces the list). Required for `SMTP`;
             *     a `WEBHOOK` has none.
             */
            address?: string[];
            /** @description Whether notifications are sent through this notifier; on create, default true. */
            enabled?: boolean;
            /** @description A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
            name: string;
            /**
             * @description Mail server settings; required when `type` is `SMTP`. An update replaces them as a whole;
             *     leave `password` out to keep the stored one (as long as a `username` is given).
             */
            smtp?: components["schemas"]["SmtpSettingsDto"];
            /**
             * @description How notifications are sent: `SMTP` (e-mail, the default on create) or `WEBHOOK` (HTTP POST).
             * @enum {string}
             */
            type?: "SMTP" | "WEBHOOK";
            /**
             * @description Webhook settings; required when `type` is `WEBHOOK`. An update replaces them as a whole;
             *     leave `url` or `headers` out to keep the stored ones.
             */
            webhook?: components["schemas"]["WebhookSettingsDto"];
        };
        CreateTargetDto: {
            /**
             * @description How to authenticate; on create, default `{ "type": "NONE" }`. An update replaces it as a
             *     whole; leave `password` out to keep the stored one (while the auth type stays the same).
             */
            auth?: components["schemas"]["NoneAuthDto"] | components["schemas"]["BasicAuthDto"] | components["schemas"]["OpenStackAuthDto"];
            /** @description The request body to send (at most 65535 bytes as UTF-8); on update, null for none. */
            body?: string;
            /** @description The answer's body must contain this text; on update, null for no such check. */
            bodyContains?: string;
            /** @description The answer's body (its first 1 MiB) must not contain this text; on update, null for no such check. */
            bodyNotContains?: string;
            /** @description The answer's body (its first 1 MiB) must match this regular expression, run by RE2: JavaScript syntax without slashes or flags and without lookahead, lookbehind or backreferences; on update, null for no such check. */
            bodyRegex?: string;
            /** @description An HTTPS probe fails when the server's certificate expires within this many days (1-3650); on update, null for no such check. */
            certificateExpiryDays?: number;
            /** @description Whether the target is probed; on create, default true. */
            enabled?: boolean;
            /**
             * @description The HTTP status a passing probe answers with: a code (`200`), a class (`"2xx"`), or a list
             *     of them (`[200, 204]`, `[200, "3xx"]`, at most 20); on create, default 200.
             */
            expectedStatus?: number | string | (number | string)[];
            /** @description Consecutive failed probes before the status turns FAIL; on create, default 1. */
            failureThreshold?: number;
            /**
             * @description Follow redirects (301, 302, 303, 307, 308; at most 10, http and https alike) and evaluate
             *     the last answer; false evaluates the first answer. Basic credentials, the Keystone token and
             *     secret headers are not sent to another host. On create, default true, or false when
             *     `expectedStatus` accepts only 3xx statuses.
             */
            followRedirects?: boolean;
            /** @description How often to probe, in seconds (1-86400); on create, default 60. */
            frequencySeconds?: number;
            /** @description Open a new connection for every probe instead of reusing one; on create, default false. */
            freshConnection?: boolean;
            /**
             * @description Request headers to send (at most 50; an update replaces them all); on create, default none.
             *     A value is text, e.g. `{ "Accept": "application/json" }`, or `{ "value": "…", "secret": true }`
             *     for a write-only one; on update, `{ "secret": true }` without a value keeps the stored value
             *     of that secret header. Authorization, Proxy-Authorization, X-Auth-Token, Cookie and X-Api-Key
             *     are always secret.
             */
            headers?: {
                [key: string]: string | components["schemas"]["TargetHeaderInputDto"];
            };
            /**
             * @description Submit each change of status, and the current status every
             *     `VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS`, to this Icinga object as a passive check result;
             *     on update, null to stop.
             */
            icinga?: components["schemas"]["TargetIcingaDto"];
            /** @description With `jsonPath`: the JSON value expected there (any JSON value, `null` included). */
            jsonEquals?: (string | number | boolean | {
                [key: string]: unknown;
            } | unknown[]) | null;
            /**
             * @description With `jsonEquals`: the answer must be JSON whose value at this path equals `jsonEquals`.
             *     `$` is the whole document; otherwise member names separated by dots, optionally after `$.`;
             *     a number picks an array element: `status`, `$.checks.0.state`. On update, null removes the
             *     JSON check (and `jsonEquals`).
             */
            jsonPath?: string;
            /** @description A probe answering slower than this (in milliseconds, at most the timeout) fails; on update, null for no limit. */
            maxResponseTimeMs?: number;
            /**
             * @description The HTTP method; on create, default `GET`.
             * @enum {string}
             */
            method?: "DELETE" | "GET" | "HEAD" | "PATCH" | "POST" | "PUT";
            /** @description A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
            name: string;
            /** @description The notifiers to tell of failures and recoveries (an update replaces the list); empty (the default on create) means every enabled notifier. */
            notifierIds?: number[];
            /** @description Consecutive passed probes before a FAIL status turns PASS again; on create, default 1. */
            recoveryThreshold?: number;
            /** @description How long to wait for an answer, in seconds (1-300, at most `frequencySeconds`); on create, default 10, or `frequencySeconds` when that is less. */
            timeoutSeconds?: number;
            /** @description How HTTPS connections to the target are checked; an update replaces it as a whole, null for the defaults. */
            tls?: components["schemas"]["TargetTlsDto"];
            /**
             * Format: uri
             * @description The http or https URL to probe, query string included; no credentials in it (use `auth`).
             */
            url: string;
        };
        DowntimeDeletedDto: {
            /** @description The commands sent, in order. */
            commands: components["schemas"]["SentCommandDto"][];
            /** @description The effect was read back from the site within the wait (answer 200); else 202. */
            confirmed: boolean;
            /** @description The downtime that was deleted. */
            downtime: components["schemas"]["DowntimeDto"];
            /** @description Why the answer is 202: the effect was not visible in time. */
            warning?: string;
        };
        DowntimeDto: {
            author: string;
            comment: string;
            /**
             * Format: date-time
             * @description When it was scheduled.
             */
            createdAt: string;
            /** @description For a flexible downtime, how long it lasts once it begins. */
            durationSeconds: number;
            /** Format: date-time */
            end: string;
            fixed: boolean;
            hostName: string;
            /** @description Icinga's downtime id (what `DELETE /api/v1/downtimes/{id}` takes). */
            id: number;
            /** @description Null for a host downtime. */
            serviceDescription: string | null;
            site: string;
            /** Format: date-time */
            start: string;
        };
        DowntimeListDto: {
            /** @description Sorted by start, then id. */
            items: components["schemas"]["DowntimeDto"][];
            total: number;
        };
        DowntimesCreatedDto: {
            /** @description The commands sent, in order. */
            commands: components["schemas"]["SentCommandDto"][];
            /** @description The effect was read back from the site within the wait (answer 200); else 202. */
            confirmed: boolean;
            /** @description The downtimes made (empty when they were not visible in time: 202). */
            downtimes: components["schemas"]["DowntimeDto"][];
            /** @description Why the answer is 202: the effect was not visible in time. */
            warning?: string;
        };
        FieldErrorDto: {
            /** @description The request field that is wrong, as a dotted path (`auth.username`). */
            field: string;
            /** @description What is wrong with it. */
            message: string;
        };
        HealthDto: {
            commandPipe: components["schemas"]["CommandPipeHealthDto"];
            /**
             * @description `up` when the database answers and takes writes; `down` when it does not answer; `stuck`
             *     when writes have failed, or one transaction has held SQLite's write lock, for more than 30 s.
             * @enum {string}
             */
            database: "down" | "stuck" | "up";
            /** @description vigil's periodic jobs (not the probes, which run on the probe scheduler) and their failures. */
            jobs: components["schemas"]["JobHealthDto"][];
            /** @description The notification outbox; null while the database is not `up`. */
            mail: components["schemas"]["MailHealthDto"] | null;
            probing: components["schemas"]["ProbingHealthDto"];
            /** @description Each configured monitoring site and whether it answers; an unreachable site leaves `status` ok. */
            sites: components["schemas"]["SiteHealthDto"][];
            /**
             * @description `ok` when vigil can serve, `error` otherwise; decided by the database alone.
             * @enum {string}
             */
            status: "error" | "ok";
        };
        ImportNotifierStatisticsDto: {
            /** @description Deliveries that failed. */
            failedCount: number;
            /** @description Notifications delivered. */
            sentCount: number;
        };
        ImportTargetStateDto: {
            /** @default 0 */
            failCount: number;
            /** @description When the status last changed (ISO 8601); default now. */
            lastUpdated?: string;
            /** @default 0 */
            networkFailCount: number;
            /** @default 0 */
            passCount: number;
            /** @enum {string|null} */
            previousStatus?: "FAIL" | "NEW" | "PASS" | null;
            /**
             * @description Consecutive failures up to now.
             * @default 0
             */
            repeatedFailCount: number;
            /** @enum {string} */
            status: "FAIL" | "NEW" | "PASS";
            /** @default 0 */
            status2xxCount: number;
            /** @default 0 */
            status3xxCount: number;
            /** @default 0 */
            status4xxCount: number;
            /** @default 0 */
            status5xxCount: number;
            statusDescription?: string | null;
        };
        JobHealthDto: {
            /** @description How often it runs, in milliseconds (the outbox poll also runs on every change of state). */
            everyMs: number;
            /** @description Runs that failed since start (each is logged); the job runs again on its schedule. */
            failures: number;
            /**
             * Format: date-time
             * @description When the last failure happened; null when none did.
             */
            lastFailureAt: string | null;
            /** @description The job: `probe-results.prune` (hourly retention) or `notifications.outbox-poll`. */
            name: string;
            /** @description Runs finished since start, failed ones included. */
            runs: number;
        };
        LiveDto: {
            /**
             * @description Always `ok`: the process runs and its event loop turns.
             * @enum {string}
             */
            status: "ok";
        };
        MailHealthDto: {
            /** @description Notification mails given up on after retrying for the maximum age (`dead` in /api/v1/notifications). */
            dead: number;
            /** @description Notification mails not delivered yet (waiting for their next attempt or being sent). */
            pending: number;
        };
        MeDto: {
            /** @description The user name the request authenticated as. */
            name: string;
            /**
             * @description The user's role: viewer < operator < admin.
             * @enum {string}
             */
            role: "admin" | "operator" | "viewer";
        };
        NoneAuthDto: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "NONE";
        };
        NotificationDto: {
            /** @description Attempts made so far. */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            id: number;
            /** @enum {string} */
            kind: "FAIL" | "RECOVERED";
            /** @description Why the last attempt failed, or why the delivery was dropped. */
            lastError: string | null;
            /**
             * Format: date-time
             * @description When the next attempt is due; null unless pending.
             */
            nextAttemptAt: string | null;
            /** @description The notifier it goes to (it may have been deleted since). */
            notifierId: number;
            /**
             * Format: date-time
             * @description When the SMTP server or the webhook receiver accepted it.
             */
            sentAt: string | null;
            /**
             * @description pending, sending (an attempt is under way), sent, dead (given up) or dropped.
             * @enum {string}
             */
            state: "dead" | "dropped" | "pending" | "sending" | "sent";
            subject: string;
            targetId: number;
            /** @description The target's name when the notification was written. */
            targetName: string;
        };
        NotificationListDto: {
            /** @description The deliveries of this page, newest first. */
            items: components["schemas"]["NotificationDto"][];
            /** @description How many deliveries match the filters in all. */
            total: number;
        };
        NotificationsDto: {
            hostName?: string;
            /** @description A service of `hostName`. */
            serviceDescription?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        NotifierDto: {
            /** @description The recipients (type SMTP; empty for a webhook). */
            address: string[];
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** @description Deliveries that failed (each attempt). */
            failedCount: number;
            id: number;
            /** @description Why the last failed delivery failed; null when none failed yet. */
            lastError: string | null;
            /**
             * Format: date-time
             * @description When a notification was last delivered.
             */
            lastSentAt: string | null;
            name: string;
            /** @description Notifications delivered. */
            sentCount: number;
            /** @description Mail server settings (type SMTP). */
            smtp?: components["schemas"]["SmtpSettingsViewDto"];
            /**
             * @description How notifications are sent.
             * @enum {string}
             */
            type: "SMTP" | "WEBHOOK";
            /** Format: date-time */
            updatedAt: string;
            /** @description Webhook settings (type WEBHOOK). */
            webhook?: components["schemas"]["WebhookSettingsViewDto"];
        };
        NotifierListDto: {
            /** @description The notifiers of this page. */
            items: components["schemas"]["NotifierDto"][];
            /** @description How many notifiers match the filters in all. */
            total: number;
        };
        OpenStackAuthDto: {
            /**
             * Format: uri
             * @description The Keystone endpoint (http or https), e.g. `https://keystone.example:5000/v3`; the token URL
             *     (`…/v3/auth/tokens`, `…/v2.0/tokens`) and a URL without version are taken too.
             */
            authUrl: string;
            /**
             * @description The Keystone API version; default: the version authUrl names, else `v3`.
             * @enum {string}
             */
            keystoneVersion?: "v2.0" | "v3";
            /**
             * @description Write-only: never answered, only `hasPassword`. Required on create and when the auth type
             *     changes; on update, leave it out to keep the stored one.
             */
            password?: string;
            /** @description Keystone v3: the domain of `projectName` (default `Default`). */
            projectDomain?: string;
            /** @description Keystone v3: the project to scope the token to, by id. */
            projectId?: string;
            /** @description Keystone v3: the project to scope the token to, by name. */
            projectName?: string;
            /** @description Keystone v2.0: the tenant, by id. */
            tenantId?: string;
            /** @description Keystone v2.0: the tenant, by name. */
            tenantName?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "OPENSTACK";
            /** @description Keystone v3: the user's domain (default `Default`). */
            userDomain?: string;
            username: string;
        };
        PartialLegacyCmdQueryDto: {
            /**
             * @description `icinga` = the command pipe (at most 4096 bytes per command, UTF-8, newline included; longer
             *     is 400), `livestatus` = `COMMAND` over livestatus (no such limit); default: livestatus, as
             *     livestatus-service did (VIGIL_LEGACY_CMD_HANDLER may change it). Ignored on an Icinga 2
             *     API site, which takes commands only through its API.
             * @enum {string}
             */
            handler?: "icinga" | "livestatus";
            /**
             * @description The command as `NAME;arg;arg...` (an optional `[<epoch>] ` prefix is replaced): one of the
             *     catalogue, or any other external command named in capitals, digits and `_`.
             */
            q?: string;
            /** @description The site (the first configured one when absent). */
            site?: string;
        };
        PartialLegacyQueryDto: {
            /**
             * @description livestatus-service's query handler: `livestatus` is the only one that answers queries.
             * @enum {string}
             */
            handler?: "livestatus";
            /** @description Answer an object keyed by this column's value; rows without a value are left out. */
            key?: string;
            /**
             * @description One LQL GET request; lines separated by real new lines or by the two characters `\n`,
             *     e.g. `GET hosts\nColumns: name state`. `OutputFormat` is not allowed.
             */
            q?: string;
            /** @description The site to ask; the first configured site when absent. */
            site?: string;
        };
        ProbeNowDto: {
            /**
             * Format: date-time
             * @description When the certificate of an HTTPS answer expires; null for HTTP or no answer.
             */
            certificateExpiresAt: string | null;
            /** @description The change of status this probe caused, if any. */
            change: components["schemas"]["StateChangeDto"] | null;
            description: string;
            /** @description The URL of the answer when redirects were followed; null otherwise. */
            finalUrl: string | null;
            httpStatus: number | null;
            /** @description Whether a state change was published. */
            notified: boolean;
            /** @description Redirects followed to the answer. */
            redirects: number;
            responseTimeMs: number;
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            status: "FAIL" | "PASS";
            steps: components["schemas"]["ProbeStepDto"][];
            targetId: number;
            /**
             * @description The target's status after this probe.
             * @enum {string}
             */
            targetStatus: "FAIL" | "NEW" | "PASS";
        };
        ProbeResultDto: {
            /**
             * Format: date-time
             * @description When the certificate of an HTTPS answer expires (the earliest over the redirects); null for HTTP or no answer.
             */
            certificateExpiresAt: string | null;
            /** @description `OK`, or why the probe failed. */
            description: string;
            /** @description The URL of the answer when redirects were followed; null when it came from the target's URL. */
            finalUrl: string | null;
            /** @description The HTTP status of the answer; null when none came. */
            httpStatus: number | null;
            id: number;
            /**
             * Format: date-time
             * @description When the probe started.
             */
            probedAt: string;
            /** @description Redirects followed to the answer (0 when none was, or the target does not follow them). */
            redirects: number;
            responseTimeMs: number;
            /** @enum {string} */
            status: "FAIL" | "PASS";
        };
        ProbeResultListDto: {
            items: components["schemas"]["ProbeResultDto"][];
            /** @description How many results match, over all pages. */
            total: number;
        };
        ProbeStepDto: {
            detail?: string;
            ms: number;
            /** @enum {string} */
            step: "auth" | "connect" | "evaluation" | "request" | "response";
        };
        ProbingHealthDto: {
            /** @description Probes not written since start because another instance had taken over their target's shard. */
            fencedOut: number;
            /** @description Probe results dropped unwritten since start (the queue was full while the database was unavailable). */
            lostResults: number;
            /** @description Probes waiting to be written to the database. */
            queued: number;
            /**
             * @description The most a scheduled probe started late against its plan during the last minute, in
             *     milliseconds (a few ms is normal; seconds mean probing cannot keep up); null when no probe
             *     started in that minute.
             */
            scheduleLagMs: number | null;
            /**
             * @description Shards of the 256 whose targets this instance probes: all of them on its own, its share
             *     when instances share a MySQL/MariaDB database, none on a SQLite file another process probes.
             */
            shards: number;
            /** @description Targets probed on their schedule. */
            targets: number;
            /**
             * Format: date-time
             * @description Since when writing probes fails because the database is unavailable; null while it works.
             */
            writesFailingSince: string | null;
        };
        ProblemDto: {
            /** @description What went wrong in this request. */
            detail: string;
            /** @description For server errors: the id under which the error was logged. */
            errorId?: string;
            /** @description For validation errors: each field that is wrong. */
            errors?: components["schemas"]["FieldErrorDto"][];
            /** @description The request path. */
            instance?: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description The HTTP status phrase or a short summary of the kind of problem. */
            title: string;
            /** @description A URI naming the kind of problem; `about:blank` when the HTTP status says it all. */
            type: string;
        };
        RawQueryDto: {
            /**
             * @description `json` (default), `csv` with a header line, or `ndjson` (one object per line, streamed).
             * @enum {string}
             */
            format?: "csv" | "json" | "ndjson";
            /** @description Answer an object keyed by this column's value instead of a list (format json only). */
            key?: string;
            /**
             * @description One LQL GET request, lines separated by new lines, e.g. `GET hosts\nColumns: name state`.
             *     No COMMAND, nothing after an empty line, and no ResponseHeader, OutputFormat or KeepAlive
             *     headers (vigil sets them).
             */
            query: string;
            /** @description Site name(s), comma-separated; all configured sites when absent. */
            site?: string;
        };
        ReadyDto: {
            /**
             * @description As in `GET /health`.
             * @enum {string}
             */
            database: "down" | "stuck" | "up";
            /**
             * @description `done` when every migration of this version is applied; `pending` when some are not (started
             *     with VIGIL_DATABASE_MIGRATE=false before another instance migrated); `unknown` while the
             *     database is not `up`.
             * @enum {string}
             */
            migrations: "done" | "pending" | "unknown";
            /**
             * @description `ok` when the database is `up` and every migration is applied; `error` otherwise.
             * @enum {string}
             */
            status: "error" | "ok";
        };
        RescheduleDto: {
            hostName: string;
            /** @description A service of the host; the host itself when absent. */
            serviceDescription?: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        SecretHeaderViewDto: {
            /** @description Whether a value is stored (it is write-only). */
            hasValue: boolean;
            /** @description Always true. */
            secret: boolean;
        };
        SendCommandDto: {
            /**
             * @description The arguments by name (`{ "host": "web-01", "comment": "hi" }`) or as a list in Icinga's
             *     order; optional ones may be left out. A command outside the catalogue takes a list.
             */
            args: {
                [key: string]: string | number | boolean;
            } | (string | number | boolean)[];
            /**
             * @description A command name of the catalogue (`GET /api/v1/commands/catalog`), e.g. `ADD_HOST_COMMENT`, or
             *     any other external command named in capitals, digits and `_`.
             */
            command: string;
            /**
             * @description The site that is checked before and after, and that takes the command with the
             *     `livestatus` or `api` transport; the first configured site when absent.
             */
            site?: string;
            /**
             * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
             *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
             *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
             *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
             *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
             *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
             *     are 400 there), and `api` only goes to such a site.
             * @enum {string}
             */
            transport?: "api" | "livestatus" | "pipe";
        };
        SentCommandDto: {
            /** @description The line sent, `[<epoch>] NAME;arg;...` (for `api`: the command the requests carry out). */
            line: string;
            /** @description For `api`: the API requests made, one each (`POST /v1/actions/<name> <JSON body>`). */
            requests?: string[];
            /** @description The site it was sent to (or checked against, for the pipe). */
            site: string;
            /** Format: date-time */
            submittedAt: string;
            /** @enum {string} */
            transport: "api" | "livestatus" | "pipe";
        };
        SiteHealthDto: {
            /**
             * Format: date-time
             * @description When the site was asked; answers are kept for 5 s, so polling /health does not load Icinga.
             */
            checkedAt: string;
            /** @description Why the site is not reachable, e.g. `connection refused (ECONNREFUSED)`. */
            error?: string;
            /**
             * @description How vigil talks to the site: `livestatus`, a livestatus socket (UNIX or TCP); `icinga2`, the Icinga 2 REST API.
             * @enum {string}
             */
            kind: "icinga2" | "livestatus";
            /** @description How long the site took to answer (or to fail), in milliseconds. */
            latencyMs: number;
            /** @description The site's configured name. */
            name: string;
            /** @description The monitoring core's version, e.g. `r2.13.6-1-icinga2`, when reachable. */
            programVersion?: string;
            /** @description Whether the site told its program version within 2 s. */
            reachable: boolean;
        };
        SiteStatusDto: {
            /** @description Where it answers: `unix:/path`, `tcp:host:port` or `icinga2:https://host:port`. */
            address: string;
            /** @description Why the site is not reachable. */
            error?: string;
            /**
             * @description How vigil talks to the site: `livestatus`, a livestatus socket (UNIX or TCP); `icinga2`, the Icinga 2 REST API.
             * @enum {string}
             */
            kind: "icinga2" | "livestatus";
            /** @description How long that took, in milliseconds (also when it failed). */
            latencyMs: number;
            /** @description The site's configured name. */
            name: string;
            /** @description The monitoring core's version, e.g. `r2.13.6-1-icinga2`, when reachable. */
            programVersion?: string;
            /** @description Whether it told its program version (livestatus `GET status`, the API's `/v1/status`). */
            reachable: boolean;
        };
        SmtpSettingsDto: {
            /**
             * Format: email
             * @description The sender address of the notification mails.
             */
            from: string;
            /** @description Host name or IP address of the SMTP server. */
            host: string;
            /**
             * @description Password to log in with (needs `username`). Write-only: never answered, only `hasPassword`.
             *     On update, leave it out to keep the stored one.
             */
            password?: string;
            /** @description TCP port; default 25 for `none`, 587 for `starttls`, 465 for `tls`. */
            port?: number;
            /**
             * @description `tls`: TLS from the start (usually port 465); `starttls`: plain connection upgraded with
             *     STARTTLS, which must succeed (usually 587); `none`: no encryption (only on trusted networks).
             *     Default `starttls`.
             * @enum {string}
             */
            security?: "none" | "starttls" | "tls";
            /** @description User name to log in with; leave it out when the server needs no login. */
            username?: string;
        };
        SmtpSettingsViewDto: {
            from: string;
            /** @description Whether a password is stored (it is write-only). */
            hasPassword: boolean;
            host: string;
            port: number;
            /** @enum {string} */
            security: "none" | "starttls" | "tls";
            /** @description Absent when the server needs no login. */
            username?: string;
        };
        StateChangeDto: {
            /** @enum {string} */
            from: "FAIL" | "NEW" | "PASS";
            /** @enum {string} */
            to: "FAIL" | "PASS";
        };
        TargetAuthViewDto: {
            /** @description OPENSTACK: the Keystone endpoint. */
            authUrl?: string;
            /** @description Whether a password is stored (it is write-only). */
            hasPassword: boolean;
            /**
             * @description OPENSTACK: the Keystone API version.
             * @enum {string}
             */
            keystoneVersion?: "v2.0" | "v3";
            projectDomain?: string;
            projectId?: string;
            projectName?: string;
            tenantId?: string;
            tenantName?: string;
            /** @enum {string} */
            type: "BASIC" | "NONE" | "OPENSTACK";
            userDomain?: string;
            /** @description BASIC and OPENSTACK. */
            username?: string;
        };
        TargetDto: {
            auth: components["schemas"]["TargetAuthViewDto"];
            /** @description The request body sent, if any. */
            body: string | null;
            bodyContains: string | null;
            bodyNotContains: string | null;
            bodyRegex: string | null;
            /** @description An HTTPS probe fails when the certificate expires within this many days; null for no such check. */
            certificateExpiryDays: number | null;
            /** Format: date-time */
            createdAt: string;
            enabled: boolean;
            /** @description A code, a class (`"2xx"`), or a list of them, in the shape it was given. */
            expectedStatus: number | string | (number | string)[];
            failCount: number;
            failureThreshold: number;
            /** @description Whether redirects are followed (at most 10) and the last answer evaluated. */
            followRedirects: boolean;
            frequencySeconds: number;
            /** @description Request headers sent: their values, or `{ secret: true, hasValue: true }` for secret ones. */
            headers: {
                [key: string]: string | components["schemas"]["SecretHeaderViewDto"];
            };
            /** @description The Icinga object that takes the results as passive check results; null when none. */
            icinga: components["schemas"]["TargetIcingaViewDto"] | null;
            /** @description Why the last passive check result could not be submitted to Icinga (e.g. an unknown service); null when it went through or none was due. */
            icingaError: string | null;
            id: number;
            /** @description The JSON value expected at `jsonPath`; absent when there is no JSON check. */
            jsonEquals?: (string | number | boolean | {
                [key: string]: unknown;
            } | unknown[]) | null;
            jsonPath: string | null;
            /** Format: date-time */
            lastProbeAt: string | null;
            lastResponseTimeMs: number | null;
            /**
             * Format: date-time
             * @description When the state was last written.
             */
            lastUpdated: string;
            maxResponseTimeMs: number | null;
            /** @enum {string} */
            method: "DELETE" | "GET" | "HEAD" | "PATCH" | "POST" | "PUT";
            name: string;
            /** @description Probes that got no HTTP answer (connection, DNS, TLS, timeout). */
            networkFailCount: number;
            /** @description The notifiers told of failures and recoveries; empty means every enabled notifier. */
            notifierIds: number[];
            passCount: number;
            /** @enum {string|null} */
            previousStatus: "FAIL" | "NEW" | "PASS" | null;
            recoveryThreshold: number;
            /** @description Consecutive failures up to the last probe. */
            repeatedFailCount: number;
            /**
             * @description NEW until the first probe, then PASS or FAIL.
             * @enum {string}
             */
            status: "FAIL" | "NEW" | "PASS";
            status2xxCount: number;
            status3xxCount: number;
            status4xxCount: number;
            status5xxCount: number;
            /** @description Why the status is what it is, e.g. `timeout after 10 s`. */
            statusDescription: string | null;
            timeoutSeconds: number;
            /** @description How HTTPS connections to the target are checked. */
            tls: components["schemas"]["TargetTlsViewDto"];
            /** Format: date-time */
            updatedAt: string;
            /** @description The URL probed, query string included. */
            url: string;
        };
        TargetHeaderInputDto: {
            /** @description Ignored: allowed so that a header as answered can be sent back unchanged. */
            hasValue?: boolean;
            /** @description Whether the value is write-only: stored encrypted, sent to the target, never answered. */
            secret?: boolean;
            /** @description The value (printable ASCII, at most 4096 characters); write-only when the header is secret. */
            value?: string;
        };
        TargetIcingaDto: {
            /** @description The Icinga host. */
            hostName: string;
            /** @description The passive service of `hostName`; the host itself takes the results when absent. */
            serviceDescription?: string;
            /** @description A configured site (VIGIL_SITES) that the results are submitted through. */
            site: string;
        };
        TargetIcingaViewDto: {
            hostName: string;
            /** @description Null when the host itself takes the results. */
            serviceDescription: string | null;
            site: string;
        };
        TargetListDto: {
            /** @description The targets of this page. */
            items: components["schemas"]["TargetDto"][];
            /** @description How many targets match the filters in all. */
            total: number;
        };
        TargetTlsDto: {
            /** @description PEM certificates (a private CA) trusted for this target beside the system's CAs; default none. */
            caCertificate?: string;
            /** @description Accept any certificate, unverified (its expiry is still checked); default false. */
            insecureSkipVerify?: boolean;
            /** @description The name sent in SNI and checked against the certificate, instead of the URL's host name (for the target's own host, not hosts it redirects to); default none. */
            serverName?: string;
        };
        TargetTlsViewDto: {
            /** @description PEM certificates trusted beside the system's CAs, or null. */
            caCertificate: string | null;
            insecureSkipVerify: boolean;
            /** @description The name checked against the certificate instead of the URL's host name, or null. */
            serverName: string | null;
        };
        TestMailResultDto: {
            /** @description Always true: a refusal is answered with 502 and the server's or receiver's error. */
            accepted: boolean;
            /** @description Recipients the server accepted (empty for a webhook). */
            acceptedRecipients: string[];
            /** @description The mail's Message-ID, or the test event's `id`. */
            messageId: string;
            /** @description Recipients the server refused (the mail went to the others; empty for a webhook). */
            rejectedRecipients: string[];
            /** @description The server's final answer, e.g. `250 OK: queued as 4711`; a webhook's HTTP status, `200 OK`. */
            response: string;
        };
        UpdateNotifierDto: {
            /**
             * @description The recipients: 1-50 e-mail addresses (an update replaces the list). Required for `SMTP`;
             *     a `WEBHOOK` has none.
             */
            address?: string[];
            /** @description Whether notifications are sent through this notifier; on create, default true. */
            enabled?: boolean;
            /** @description A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
            name?: string;
            /**
             * @description Mail server settings; required when `type` is `SMTP`. An update replaces them as a whole;
             *     leave `password` out to keep the stored one (as long as a `username` is given).
             */
            smtp?: components["schemas"]["SmtpSettingsDto"];
            /**
             * @description How notifications are sent: `SMTP` (e-mail, the default on create) or `WEBHOOK` (HTTP POST).
             * @enum {string}
             */
            type?: "SMTP" | "WEBHOOK";
            /**
             * @description Webhook settings; required when `type` is `WEBHOOK`. An update replaces them as a whole;
             *     leave `url` or `headers` out to keep the stored ones.
             */
            webhook?: components["schemas"]["WebhookSettingsDto"];
        };
        UpdateTargetDto: {
            /**
             * @description How to authenticate; on create, default `{ "type": "NONE" }`. An update replaces it as a
             *     whole; leave `password` out to keep the stored one (while the auth type stays the same).
             */
            auth?: components["schemas"]["NoneAuthDto"] | components["schemas"]["BasicAuthDto"] | components["schemas"]["OpenStackAuthDto"];
            /** @description The request body to send (at most 65535 bytes as UTF-8); on update, null for none. */
            body?: string | null;
            /** @description The answer's body must contain this text; on update, null for no such check. */
            bodyContains?: string | null;
            /** @description The answer's body (its first 1 MiB) must not contain this text; on update, null for no such check. */
            bodyNotContains?: string | null;
            /** @description The answer's body (its first 1 MiB) must match this regular expression, run by RE2: JavaScript syntax without slashes or flags and without lookahead, lookbehind or backreferences; on update, null for no such check. */
            bodyRegex?: string | null;
            /** @description An HTTPS probe fails when the server's certificate expires within this many days (1-3650); on update, null for no such check. */
            certificateExpiryDays?: number | null;
            /** @description Whether the target is probed; on create, default true. */
            enabled?: boolean;
            /**
             * @description The HTTP status a passing probe answers with: a code (`200`), a class (`"2xx"`), or a list
             *     of them (`[200, 204]`, `[200, "3xx"]`, at most 20); on create, default 200.
             */
            expectedStatus?: number | string | (number | string)[];
            /** @description Consecutive failed probes before the status turns FAIL; on create, default 1. */
            failureThreshold?: number;
            /**
             * @description Follow redirects (301, 302, 303, 307, 308; at most 10, http and https alike) and evaluate
             *     the last answer; false evaluates the first answer. Basic credentials, the Keystone token and
             *     secret headers are not sent to another host. On create, default true, or false when
             *     `expectedStatus` accepts only 3xx statuses.
             */
            followRedirects?: boolean;
            /** @description How often to probe, in seconds (1-86400); on create, default 60. */
            frequencySeconds?: number;
            /** @description Open a new connection for every probe instead of reusing one; on create, default false. */
            freshConnection?: boolean;
            /**
             * @description Request headers to send (at most 50; an update replaces them all); on create, default none.
             *     A value is text, e.g. `{ "Accept": "application/json" }`, or `{ "value": "…", "secret": true }`
             *     for a write-only one; on update, `{ "secret": true }` without a value keeps the stored value
             *     of that secret header. Authorization, Proxy-Authorization, X-Auth-Token, Cookie and X-Api-Key
             *     are always secret.
             */
            headers?: {
                [key: string]: string | components["schemas"]["TargetHeaderInputDto"];
            };
            /**
             * @description Submit each change of status, and the current status every
             *     `VIGIL_ICINGA_BRIDGE_REFRESH_SECONDS`, to this Icinga object as a passive check result;
             *     on update, null to stop.
             */
            icinga?: components["schemas"]["TargetIcingaDto"] | null;
            /** @description With `jsonPath`: the JSON value expected there (any JSON value, `null` included). */
            jsonEquals?: (string | number | boolean | {
                [key: string]: unknown;
            } | unknown[]) | null;
            /**
             * @description With `jsonEquals`: the answer must be JSON whose value at this path equals `jsonEquals`.
             *     `$` is the whole document; otherwise member names separated by dots, optionally after `$.`;
             *     a number picks an array element: `status`, `$.checks.0.state`. On update, null removes the
             *     JSON check (and `jsonEquals`).
             */
            jsonPath?: string | null;
            /** @description A probe answering slower than this (in milliseconds, at most the timeout) fails; on update, null for no limit. */
            maxResponseTimeMs?: number | null;
            /**
             * @description The HTTP method; on create, default `GET`.
             * @enum {string}
             */
            method?: "DELETE" | "GET" | "HEAD" | "PATCH" | "POST" | "PUT";
            /** @description A unique name (ignoring case): 1-128 characters, no leading or trailing space. */
            name?: string;
            /** @description The notifiers to tell of failures and recoveries (an update replaces the list); empty (the default on create) means every enabled notifier. */
            notifierIds?: number[];
            /** @description Consecutive passed probes before a FAIL status turns PASS again; on create, default 1. */
            recoveryThreshold?: number;
            /** @description How long to wait for an answer, in seconds (1-300, at most `frequencySeconds`); on create, default 10, or `frequencySeconds` when that is less. */
            timeoutSeconds?: number;
            /** @description How HTTPS connections to the target are checked; an update replaces it as a whole, null for the defaults. */
            tls?: components["schemas"]["TargetTlsDto"] | null;
            /**
             * Format: uri
             * @description The http or https URL to probe, query string included; no credentials in it (use `auth`).
             */
            url?: string;
        };
        UptimeDto: {
            last24h: components["schemas"]["UptimeWindowDto"];
            last30d: components["schemas"]["UptimeWindowDto"];
            last7d: components["schemas"]["UptimeWindowDto"];
            targetId: number;
        };
        UptimeWindowDto: {
            /** @description Mean response time of the period's probes; null without probes. */
            meanResponseTimeMs: number | null;
            /** @description Of which passed. */
            passed: number;
            /** @description Probes recorded in the period. */
            probes: number;
            /**
             * Format: date-time
             * @description Start of the period.
             */
            since: string;
            /** @description passed / probes in percent, 3 decimals; null without probes. */
            uptimePercent: number | null;
        };
        UserDto: {
            name: string;
            /** @enum {string} */
            role: "admin" | "operator" | "viewer";
            /**
             * @description `config` for users from VIGIL_USERS / VIGIL_USERS_FILE, `database` for stored users.
             * @enum {string}
             */
            source: "config" | "database";
        };
        UserListDto: {
            /** @description Users sorted by name. */
            items: components["schemas"]["UserDto"][];
            /** @description How many users there are in all. */
            total: number;
        };
        WebhookEventCountersDto: {
            failCount: number;
            networkFailCount: number;
            passCount: number;
            /** @description Consecutive failed probes. */
            repeatedFailCount: number;
            status2xxCount: number;
            status3xxCount: number;
            status4xxCount: number;
            status5xxCount: number;
        };
        WebhookEventDto: {
            /** @description Absent on a test. */
            counters?: components["schemas"]["WebhookEventCountersDto"];
            /** @enum {string} */
            event: "FAIL" | "RECOVERED" | "TEST";
            /**
             * Format: date-time
             * @description On a recovery: when the failure began, when known.
             */
            failingSince?: string | null;
            /**
             * @description Identifies the notification, the same on every attempt (`notification-<id>.<ms>`), so a
             *     receiver can tell a repeated delivery from a new event; it is also sent as the
             *     `X-Vigil-Event-Id` header in every format.
             */
            id: string;
            /** @description Absent on a test. */
            result?: components["schemas"]["WebhookEventResultDto"];
            /** @description One line for people, e.g. `Target "shop" is failing: target status:500 != 200`. */
            summary: string;
            /** @description Absent on a test. */
            target?: components["schemas"]["WebhookEventTargetDto"];
            /**
             * Format: date-time
             * @description When the probe that changed the state ran; for a test, when it was sent.
             */
            time: string;
        };
        WebhookEventResultDto: {
            /** @description Why the probe passed or failed, e.g. `target status:500 != 200`. */
            description: string;
            /** @description The HTTP status of the target's answer; null when there was none (network failure). */
            httpStatus: number | null;
            /**
             * @description The status before this probe: NEW, PASS or FAIL.
             * @enum {string}
             */
            previousStatus: "FAIL" | "NEW" | "PASS";
            responseTimeMs: number;
            /**
             * Format: date-time
             * @description When the probe ran.
             */
            startedAt: string;
            /** @enum {string} */
            status: "FAIL" | "PASS";
        };
        WebhookEventTargetDto: {
            /** @description NONE, BASIC or OPENSTACK: the kind of auth only, never its credentials. */
            authType: string;
            /** @description A code, a class (`"2xx"`) or a list of them, as the targets API answers it. */
            expectedStatus: number | string | (number | string)[];
            frequencySeconds: number;
            id: number;
            method: string;
            name: string;
            timeoutSeconds: number;
            /** @description The URL probed, any user name and password in it left out. */
            url: string;
        };
        WebhookSettingsDto: {
            /**
             * @description The body posted: `json`, vigil's event document (schema `WebhookEventDto`); `slack`, a
             *     Slack or Mattermost incoming-webhook message `{ "text": … }`; `teams`, a message with an
             *     Adaptive Card, as a Microsoft Teams workflow ("when a Teams webhook request is received")
             *     takes it. Default `json`.
             * @enum {string}
             */
            format?: "json" | "slack" | "teams";
            /**
             * @description Extra request headers, name → value, e.g. `{ "Authorization": "Bearer …" }` (at most 20).
             *     The values are write-only (only the names are answered). On update, leave `headers` out to
             *     keep the stored ones; `{}` removes them.
             */
            headers?: {
                [key: string]: string;
            };
            /**
             * Format: uri
             * @description The http or https URL to post to, e.g. a Slack or Mattermost incoming-webhook URL; no
             *     credentials in it (use `headers`). Write-only, as it usually carries the receiver's token:
             *     stored encrypted, answered only as `origin`. On update, leave it out to keep the stored one.
             */
            url?: string;
        };
        WebhookSettingsViewDto: {
            /** @enum {string} */
            format: "json" | "slack" | "teams";
            /** @description The names of the extra request headers (their values are write-only). */
            headerNames: string[];
            /**
             * @description Scheme, host and port of the URL (`https://hooks.slack.com`): enough to tell receivers
             *     apart; its path and query, which usually carry the token, are write-only.
             */
            origin: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    acknowledgeProblem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcknowledgeDto"];
            };
        };
        responses: {
            /** @description Acknowledged, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    removeAcknowledgement: {
        parameters: {
            query: {
                /**
                 * @description The site that is checked before and after, and that takes the command with the
                 *     `livestatus` or `api` transport; the first configured site when absent.
                 */
                site?: string;
                /**
                 * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
                 *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
                 *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
                 *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
                 *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
                 *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
                 *     are 400 there), and `api` only goes to such a site.
                 */
                transport?: "api" | "livestatus" | "pipe";
                hostName: string;
                /** @description A service of the host; the host itself when absent. */
                serviceDescription?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listCommandAudit: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only commands sent by this user. */
                user?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandAuditListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    submitCheckResult: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckResultDto"];
            };
        };
        responses: {
            /** @description Processed, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    rescheduleCheck: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleDto"];
            };
        };
        responses: {
            /** @description Checked, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getCluster: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    sendCommand: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendCommandDto"];
            };
        };
        responses: {
            /** @description Handed to Icinga */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentCommandDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listCommandCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogEntryDto"][];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    addComment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCommentDto"];
            };
        };
        responses: {
            /** @description Added, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentCreatedDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentCreatedDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listDowntimes: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                hostName?: string;
                serviceDescription?: string;
                /** @description The site (the first configured one when absent). */
                site?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowntimeListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createDowntime: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDowntimeDto"];
            };
        };
        responses: {
            /** @description The downtimes, read back */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowntimesCreatedDto"];
                };
            };
            /** @description Sent, but not visible on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowntimesCreatedDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteDowntime: {
        parameters: {
            query?: {
                /**
                 * @description The site that is checked before and after, and that takes the command with the
                 *     `livestatus` or `api` transport; the first configured site when absent.
                 */
                site?: string;
                /**
                 * @description `pipe` (the command FIFO of the local Icinga) or `livestatus` (`COMMAND` over the site's
                 *     socket); the configured default (`VIGIL_COMMAND_TRANSPORT`) when absent. Through the pipe
                 *     each command goes out in one atomic write, whole or not at all, so it must fit in 4096
                 *     bytes (PIPE_BUF; UTF-8, newline included): a longer one is refused with 400 before anything
                 *     is written, and a full pipe answers 503 with `Retry-After`. `livestatus` has no such limit.
                 *     An Icinga 2 API site takes commands only as API requests (`api`, its default; the others
                 *     are 400 there), and `api` only goes to such a site.
                 */
                transport?: "api" | "livestatus" | "pipe";
            };
            header?: never;
            path: {
                /** @description Icinga's downtime id. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted, and confirmed gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowntimeDeletedDto"];
                };
            };
            /** @description Sent, but still listed on the site after the wait */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowntimeDeletedDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    runLivestatusQuery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RawQueryDto"];
            };
        };
        responses: {
            /** @description The rows, each with the `site` that answered. `json`: a list of objects, or with `key` an object keyed by that column; `csv`: a header line then one line per row; `ndjson`: one object per line. When some sites fail and others answer, the failed sites are listed in the Vigil-Site-Errors header. */
            200: {
                headers: {
                    /** @description Only when some sites failed: a JSON list of { site, status, detail }, status being the HTTP status that site alone would have been answered with. */
                    "Vigil-Site-Errors"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[] | {
                        [key: string]: {
                            [key: string]: unknown;
                        };
                    };
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listLivestatusSites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteStatusDto"][];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    queryLivestatusTable: {
        parameters: {
            query?: {
                /** @description At most this many rows (over all sites). */
                limit?: number;
                /** @description Columns to return, comma-separated (e.g. `name,state`); all columns when absent. */
                columns?: string;
                /**
                 * @description A filter `<column> <operator> <value>` (e.g. `state = 2`); repeat it for more, all must hold.
                 *     Operators: `= ~ =~ ~~ < > <= >=` and `!= !~ !=~ !~~`; on list columns `>=` means contains.
                 */
                filter?: string[];
                /**
                 * @description A stats line: `<column> <operator> <value>` counts matching rows, `<function> <column>`
                 *     aggregates (sum, min, max, avg, std, suminv, avginv). Repeatable; with `columns`, grouped by them.
                 */
                stats?: string[];
                /** @description Answer an object keyed by this column's value instead of a list (format json only). */
                key?: string;
                /** @description `json` (default), `csv` with a header line, or `ndjson` (one object per line, streamed). */
                format?: "csv" | "json" | "ndjson";
                /** @description Site name(s), comma-separated; all configured sites when absent. */
                site?: string;
            };
            header?: never;
            path: {
                /** @description A livestatus table: hosts, services, hostgroups, servicegroups, contacts, comments, downtimes, status, ... */
                table: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows, each with the `site` that answered. `json`: a list of objects, or with `key` an object keyed by that column; `csv`: a header line then one line per row; `ndjson`: one object per line. When some sites fail and others answer, the failed sites are listed in the Vigil-Site-Errors header. */
            200: {
                headers: {
                    /** @description Only when some sites failed: a JSON list of { site, status, detail }, status being the HTTP status that site alone would have been answered with. */
                    "Vigil-Site-Errors"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[] | {
                        [key: string]: {
                            [key: string]: unknown;
                        };
                    };
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only deliveries in this state. */
                state?: "dead" | "dropped" | "pending" | "sending" | "sent";
                /** @description Only deliveries to this notifier. */
                notifierId?: number;
                /** @description Only deliveries about this target. */
                targetId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    disableNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationsDto"];
            };
        };
        responses: {
            /** @description Disabled, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    enableNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationsDto"];
            };
        };
        responses: {
            /** @description Enabled, read back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Sent, but its effect did not show on the site in time (see warning) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandOutcomeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listNotifiers: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only enabled (`true`) or disabled (`false`) notifiers. */
                enabled?: boolean;
                /** @description Only notifiers whose name contains this text (case-insensitive). */
                q?: string;
                /** @description Sort field, `-` first for descending; ties are broken by id. Default `name`. */
                sort?: "-createdAt" | "-id" | "-name" | "createdAt" | "id" | "name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNotifierDto"];
            };
        };
        responses: {
            /** @description The new notifier */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    validateNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNotifierDto"];
            };
        };
        responses: {
            /** @description Create would accept this notifier */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateNotifierDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    disableNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    enableNotifier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotifierDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    importNotifierStatistics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportNotifierStatisticsDto"];
            };
        };
        responses: {
            /** @description The counts are the notifier's now */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    sendTestMail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestMailResultDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTargets: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only enabled (`true`) or disabled (`false`) targets. */
                enabled?: boolean;
                /** @description Only targets whose name contains this text (case-insensitive). */
                q?: string;
                /** @description Sort field, `-` first for descending; ties are broken by id. Default `name`. */
                sort?: "-createdAt" | "-id" | "-lastProbeAt" | "-name" | "-status" | "-updatedAt" | "createdAt" | "id" | "lastProbeAt" | "name" | "status" | "updatedAt";
                /** @description Only targets with this status. */
                status?: "FAIL" | "NEW" | "PASS";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createTarget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTargetDto"];
            };
        };
        responses: {
            /** @description The new target, status NEW */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    validateTarget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTargetDto"];
            };
        };
        responses: {
            /** @description Create would accept this target */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTargetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    disableTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    enableTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    probeTarget: {
        parameters: {
            query?: {
                /** @description Publish a state change (for notifications) when this probe changes the status. */
                notify?: boolean;
            };
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeNowDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listTargetResults: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only probes from this time on (ISO 8601). */
                since?: string;
            };
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeResultListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    importTargetState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportTargetStateDto"];
            };
        };
        responses: {
            /** @description The state is the target's now */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getTargetUptime: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The id the item was given when it was created. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UptimeDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description How many items to return (1-500). */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    legacyCommand: {
        parameters: {
            query: {
                /**
                 * @description The command as `NAME;arg;arg...` (an optional `[<epoch>] ` prefix is replaced): one of the
                 *     catalogue, or any other external command named in capitals, digits and `_`.
                 */
                q: string;
                /**
                 * @description `icinga` = the command pipe (at most 4096 bytes per command, UTF-8, newline included; longer
                 *     is 400), `livestatus` = `COMMAND` over livestatus (no such limit); default: livestatus, as
                 *     livestatus-service did (VIGIL_LEGACY_CMD_HANDLER may change it). Ignored on an Icinga 2
                 *     API site, which takes commands only through its API.
                 */
                handler?: string;
                /** @description The site (the first configured one when absent). */
                site?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sent: the text `OK` and a new line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    legacyCommandPost: {
        parameters: {
            query?: {
                /**
                 * @description The command as `NAME;arg;arg...` (an optional `[<epoch>] ` prefix is replaced): one of the
                 *     catalogue, or any other external command named in capitals, digits and `_`.
                 */
                q?: string;
                /**
                 * @description `icinga` = the command pipe (at most 4096 bytes per command, UTF-8, newline included; longer
                 *     is 400), `livestatus` = `COMMAND` over livestatus (no such limit); default: livestatus, as
                 *     livestatus-service did (VIGIL_LEGACY_CMD_HANDLER may change it). Ignored on an Icinga 2
                 *     API site, which takes commands only through its API.
                 */
                handler?: string;
                /** @description The site (the first configured one when absent). */
                site?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["PartialLegacyCmdQueryDto"];
            };
        };
        responses: {
            /** @description Sent: the text `OK` and a new line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description vigil and its database are up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description the database does not answer, or does not take writes (stuck) */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the process runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveDto"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description vigil can serve */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
            /** @description the database does not answer or is stuck, or migrations are pending */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadyDto"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics in the Prometheus text format (version 0.0.4) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    legacyQuery: {
        parameters: {
            query: {
                /**
                 * @description One LQL GET request; lines separated by real new lines or by the two characters `\n`,
                 *     e.g. `GET hosts\nColumns: name state`. `OutputFormat` is not allowed.
                 */
                q: string;
                /** @description Answer an object keyed by this column's value; rows without a value are left out. */
                key?: string;
                /** @description The site to ask; the first configured site when absent. */
                site?: string;
                /** @description livestatus-service's query handler: `livestatus` is the only one that answers queries. */
                handler?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A list of objects (column → value), or with `key` an object keyed by that column */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[] | {
                        [key: string]: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    legacyQueryPost: {
        parameters: {
            query?: {
                /**
                 * @description One LQL GET request; lines separated by real new lines or by the two characters `\n`,
                 *     e.g. `GET hosts\nColumns: name state`. `OutputFormat` is not allowed.
                 */
                q?: string;
                /** @description Answer an object keyed by this column's value; rows without a value are left out. */
                key?: string;
                /** @description The site to ask; the first configured site when absent. */
                site?: string;
                /** @description livestatus-service's query handler: `livestatus` is the only one that answers queries. */
                handler?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["PartialLegacyQueryDto"];
            };
        };
        responses: {
            /** @description A list of objects (column → value), or with `key` an object keyed by that column */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    }[] | {
                        [key: string]: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unsupported Media Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /**
             * @description Service Unavailable
             *
             *     Service Unavailable
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
