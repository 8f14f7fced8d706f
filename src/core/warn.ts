/**
 * The one voice discret uses in the console: every bad input gets a single
 * `[discret]` line saying what was wrong and what was done instead.
 */
export function warn(message: string): void {
  console.warn(`[discret] ${message}`);
}
