/**
 * The page core's stand-in for `decisions.ts`: the same functions, whose
 * code is fetched on first use (the `decide` chunk). The script tag's build
 * puts this module in place of `decisions.ts`; bundles and tests use the
 * real one. The store awaits each call, whichever it gets.
 */
import type * as Decisions from './decisions.js';
import { page } from './registry.js';

export const RECORD_KEY = 'consent';

const decisions = (): Promise<typeof Decisions> => page().load!('decide') as Promise<typeof Decisions>;

export const makeRecord = async (...args: Parameters<typeof Decisions.makeRecord>) => (await decisions()).makeRecord(...args);
export const save = async (...args: Parameters<typeof Decisions.save>) => (await decisions()).save(...args);
export const readHistory = async (...args: Parameters<typeof Decisions.readHistory>) => (await decisions()).readHistory(...args);
export const changeOf = async (...args: Parameters<typeof Decisions.changeOf>) => (await decisions()).changeOf(...args);
export const explainConfig = async (...args: Parameters<typeof Decisions.explainConfig>) => (await decisions()).explainConfig(...args);
export const expireCookies = async (...args: Parameters<typeof Decisions.expireCookies>) => (await decisions()).expireCookies(...args);
