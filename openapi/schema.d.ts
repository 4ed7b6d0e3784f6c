// Generated from openapi/openapi.json by `npm run openapi:generate`; do not edit.
export interface paths {
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The authenticated user and role */
        get: operations["getMe"];
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
        /** The users who may sign in, and their roles */
        get: operations["listUsers"];
        put?: never;
        post?: never;
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
        /** Liveness and database reachability */
        get: operations["getHealth"];
        put?: never;
        post?: never;
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
        FieldErrorDto: {
            /** @description The request field that is wrong, as a dotted path (`auth.username`). */
            field: string;
            /** @description What is wrong with it. */
            message: string;
        };
        HealthDto: {
            /**
             * @description Whether the database answers.
             * @enum {string}
             */
            database: "down" | "up";
            /**
             * @description `ok` when vigil can serve, `error` otherwise.
             * @enum {string}
             */
            status: "error" | "ok";
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
        };
    };
    listUsers: {
        parameters: {
            query: {
                /** @description How many items to return (1-500). */
                limit: number;
                /** @description How many items to skip. */
                offset: number;
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
            /** @description the database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
}
