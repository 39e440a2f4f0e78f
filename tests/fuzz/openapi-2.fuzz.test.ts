import { fuzzOperations } from './operations.ts';

// One of the fuzzer's shards: vitest runs the files in parallel, one worker each (see operations.ts).
await fuzzOperations(1, 2);
