import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { ServiceBaseConfig } from '@palisade/config';
import type { Params } from 'nestjs-pino';
import type pino from 'pino';
import { createLogger } from './create-logger';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBE_PATHS = ['/health/live', '/health/ready', '/metrics'];

/** nestjs-pino settings: one logger for app and request logs, quiet probes, request ids. */
export function loggerParams(
  config: ServiceBaseConfig,
  destination: pino.DestinationStream,
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger: createLogger({ service: config.service.name, level: config.log.level, destination }),
      quietReqLogger: true,
      genReqId: requestId,
      autoLogging: { ignore: (req) => isProbe(req) },
      customLogLevel: (_req, res, error) => {
        if (error !== undefined || res.statusCode >= 500) {
          return 'error';
        }
        return res.statusCode >= 400 ? 'warn' : 'info';
      },
    },
  };
}

/** Keeps a caller's well-formed X-Request-Id so a request can be followed across services. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

function isProbe(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  return PROBE_PATHS.includes(path);
}
