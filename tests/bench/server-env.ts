// The environment every bench server runs with: production mode and the rate-limit hook on, its
// limits raised so that it never refuses (the bench measures the work, not refusals).
export const BENCH_SERVER_ENV = {
  NODE_ENV: 'production',
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_READS_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_WRITES_PER_MINUTE: '100000000',
  LOGIN_FAILURES_PER_IP_PER_MINUTE: '100000000',
  EVENTS_MAX_CONNECTIONS_PER_ADDRESS: '100000',
};
