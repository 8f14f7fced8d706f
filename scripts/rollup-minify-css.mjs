// Squeezes the whitespace and comments out of Lit `css` literals in
// *.styles.ts files: terser keeps template text as written. Interpolations
// (`${…}`) are left as they are. It must come after the TypeScript plugin,
// which compiles from disk and ignores what earlier plugins returned.
export function minifyCss() {
  return {
    name: 'discret-minify-css',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;

      const minified = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
        const parts = body.split(/(\$\{[^}]*\})/);
        return 'css`' + parts.map((part) => (part.startsWith('${') ? part : squeeze(part))).join('') + '`';
      });
      return { code: minified, map: null };
    },
  };
}

function squeeze(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/:\s+/g, ':');
}
