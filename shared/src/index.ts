export * from './domain.ts';
export * from './problem.ts';
export * from './campaign.ts';
export * from './health.ts';
export * from './account.ts';
export * from './submission.ts';
export * from './discussion.ts';
export * from './policy.ts';
