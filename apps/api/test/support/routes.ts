import { randomUUID } from 'node:crypto';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule } from '@palisade/api';

/** One handler of a controller, as Nest declares it. */
export interface DeclaredRoute {
  /** `GET`, `POST`, …. */
  readonly method: string;
  /** Express syntax, as registered: `/v1/findings/:id`. */
  readonly path: string;
  /** `FindingsController.get`. */
  readonly handler: string;
  /** The `@Access` rule of the handler or its controller; undefined when it has none. */
  readonly access: AccessRule | undefined;
}

/** One route as the HTTP server serves it. */
export interface ServedRoute {
  readonly method: string;
  readonly path: string;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : '/'];

/**
 * Every handler of every controller the app registered (walking Nest's module container, the
 * way Nest's own router explorer does), with its full path and access rule.
 */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || typeof controller !== 'function') continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (verb === undefined) continue;
        const access =
          (Reflect.getMetadata(ACCESS_METADATA, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_METADATA, controller) as AccessRule | undefined);
        for (const prefix of prefixes) {
          for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({
              method: RequestMethod[verb],
              path: join(prefix, path),
              handler: `${controller.name}.${name}`,
              access,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every route of the express router (what a request can actually reach), HEAD left out. */
export function servedRoutes(app: INestApplication): ServedRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes: ServedRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const path of asList(layer.route.path)) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on) routes.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path });
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/**
 * A concrete URL for a route: each `:param` replaced by a syntactically valid value (a uuid for
 * ids, twelve digits for an account id), each `*wildcard` by a segment, optional parts dropped.
 */
export function concretePath(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '')
    .replace(/:(\w+)/g, (_, name: string) =>
      /^accountId$/i.test(name) ? '123456789012' : /id$/i.test(name) ? randomUUID() : 'x',
    )
    .replace(/\*\w+/g, 'x');
}
