'use strict';
// The container's health check: GET /health/live on this vigil, over HTTPS when it serves HTTPS.
// Liveness only: it asks neither the database nor Icinga, so their outage never restarts vigil.
// The certificate is not checked: the question is whether this process answers, asked of itself.
const { env, exit } = require('node:process');

const port = Number(env.VIGIL_PORT || 8080);
const tls = Boolean(env.VIGIL_TLS_CERT_FILE);
const { get } = require(tls ? 'node:https' : 'node:http');

const request = get(
  { host: '127.0.0.1', port, path: '/health/live', timeout: 4000, rejectUnauthorized: false },
  (response) => {
    response.resume();
    exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timeout')));
request.on('error', () => exit(1));
