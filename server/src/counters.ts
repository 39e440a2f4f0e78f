import type { Redis } from 'ioredis';

export type CounterState = { count: number; resetInMs: number };

/** Fixed-window counters shared by all instances (Redis) or local to one process (memory). */
export type CounterStore = {
  hit(key: string, windowMs: number): Promise<CounterState>;
  peek(key: string): Promise<CounterState>;
  /** Gives back one hit (an attempt that turned out fine). */
  release(key: string): Promise<void>;
  reset(key: string): Promise<void>;
};

export function memoryCounterStore(): CounterStore {
  const counters = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string) => {
    const counter = counters.get(key);
    if (counter && counter.resetAt <= Date.now()) counters.delete(key);
    return counters.get(key);
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, counter] of counters) if (counter.resetAt <= now) counters.delete(key);
  }, 60_000);
  sweep.unref();
  return {
    async hit(key, windowMs) {
      const counter = current(key) ?? { count: 0, resetAt: Date.now() + windowMs };
      counter.count += 1;
      counters.set(key, counter);
      return { count: counter.count, resetInMs: counter.resetAt - Date.now() };
    },
    async peek(key) {
      const counter = current(key);
      return counter ? { count: counter.count, resetInMs: counter.resetAt - Date.now() } : { count: 0, resetInMs: 0 };
    },
    async release(key) {
      const counter = current(key);
      if (counter && counter.count > 0) counter.count -= 1;
    },
    async reset(key) {
      counters.delete(key);
    },
  };
}

export function redisCounterStore(redis: Redis, prefix = 'city-spirit:counter:'): CounterStore {
  return {
    async hit(key, windowMs) {
      const results = await redis
        .multi()
        .incr(prefix + key)
        .call('PEXPIRE', prefix + key, String(windowMs), 'NX')
        .pttl(prefix + key)
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? windowMs);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    },
    async peek(key) {
      const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      return { count: Number(count ?? 0), resetInMs: Math.max(ttl, 0) };
    },
    async release(key) {
      await redis.eval("if (tonumber(redis.call('GET', KEYS[1]) or '0') > 0) then return redis.call('DECR', KEYS[1]) end return 0", 1, prefix + key);
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
