import * as zapier from 'zapier-platform-core';
import App from '../../src/index';

/** Tests hand the tester partial, Zapier-shaped bundles; core's strict bundle typing only gets in the way here. */
type LooseAppTester = (method: unknown, bundle?: unknown, clearZcacheBeforeUse?: boolean) => Promise<any>;

export { App };
export const appTester = zapier.createAppTester(App) as unknown as LooseAppTester;
export const API = 'https://api.intelligems.io';
export const PREFIX = '/v25-10-beta';
