import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { chatBackendPlugin } from './scripts/wtr-chat-backend.mjs';
import { defaultReporter } from '@web/test-runner';

export default {
  files: ['tests/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), chatBackendPlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true } })],
  concurrency: 2,
  // Dev-mode Lit stays on for its warnings; its banner on every file is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), countingReporter('test-results/unit.json')],
};
