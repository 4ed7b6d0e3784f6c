import createClient from 'openapi-fetch';
import type { Dispatcher } from 'undici';
import type { paths } from './schema';

export interface VigilClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  username: string;
  password: string;
  /** The connection pool to use (one trusting a private CA); fetch's own when absent. */
  dispatcher?: Dispatcher;
}

/** A typed client for the vigil HTTP API, generated from openapi/openapi.json. */
export function createVigilClient(options: VigilClientOptions) {
  const token = Buffer.from(`${options.username}:${options.password}`).toString('base64');
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Basic ${token}` },
    ...(options.dispatcher ? { requestInitExt: { dispatcher: options.dispatcher } } : {}),
  });
}

export type VigilClient = ReturnType<typeof createVigilClient>;
export type { paths, components } from './schema';
