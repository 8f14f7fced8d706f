/**
 * Catches what is written with console.warn until `restore()`: discret's own
 * `[discret]` lines are kept for assertions and kept out of the test log,
 * anything else still reaches the console.
 */
export function watchWarnings(): { readonly discret: string[]; restore(): void } {
  const original = console.warn;
  const discret: string[] = [];
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[discret]')) discret.push(args.map(String).join(' '));
    else original.apply(console, args);
  };
  return {
    discret,
    restore: () => {
      console.warn = original;
    },
  };
}
