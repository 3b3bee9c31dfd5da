/** A small route table: `/experiences/{id}` style patterns under the API version prefix, matched in order. */
import { API_VERSION_PREFIX } from '../../src/contract/published';
import type { DeliveryEngine } from '../delivery/delivery-engine';
import type { SandboxStore } from '../state/store';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (`{}` when empty); throws a 400 for invalid JSON. */
  body: () => Promise<unknown>;
  store: SandboxStore;
  deliveries: DeliveryEngine;
  now: () => number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: Method;
  /** Without the version prefix, e.g. `/experiences/{experienceId}`. */
  path: string;
  /** Sandbox-only controls are not part of the API: no rate limit applies to them. */
  sandboxControl?: boolean;
  handle: (context: RouteContext) => Promise<RouteResult> | RouteResult;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export type RouteMatch =
  { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong_method'; allowed: Method[]; sandboxControl: boolean } | { kind: 'none' };

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { ...route, names, pattern: new RegExp(`^${escape(API_VERSION_PREFIX)}${source}/?$`) };
    });
  }

  match(method: string, pathname: string): RouteMatch {
    const allowed: Method[] = [];
    let sandboxControl = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        sandboxControl ||= route.sandboxControl === true;
        continue;
      }
      const params = Object.fromEntries(route.names.map((name, i) => [name, safeDecode(found[i + 1])]));
      return { kind: 'found', route, params };
    }
    return allowed.length > 0 ? { kind: 'wrong_method', allowed, sandboxControl } : { kind: 'none' };
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
}

/** A malformed escape (`%zz`) is kept as written: it then simply matches nothing, which is a clear 404. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
