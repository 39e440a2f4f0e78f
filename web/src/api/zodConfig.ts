import { config } from 'zod';

// zod probes `new Function` when a schema is created, to compile faster parsers. Under the site's
// Content-Security-Policy (no 'unsafe-eval') the probe is reported as a violation, so turn it off.
// main.tsx imports this module first: it has to run before the shared schemas are created.
config({ jitless: true });
