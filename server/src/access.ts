import type { Role } from '@city-spirit/shared';

/** Who may call a route: everyone, any signed-in user, or the listed roles (admins may do everything). */
export type Access = 'anyone' | 'signedIn' | readonly Role[];

/**
 * The one access table: every API route is listed here, or the server refuses to start.
 * Finer rules that depend on the resource (only the author may edit an entry) live in the
 * feature's service; this table decides who may knock at all.
 */
export const ACCESS_TABLE: Record<string, Access> = {
  'GET /api/health': 'anyone',
  'GET /api/ready': 'anyone',
  'GET /api/openapi.json': 'anyone',
  'GET /api/districts': 'anyone',

  'GET /api/campaigns': 'anyone',
  'GET /api/campaigns/:slug': 'anyone',
  'POST /api/campaigns': ['admin'],
  'PATCH /api/campaigns/:slug': ['admin'],
  'POST /api/campaigns/:slug/stage': ['admin'],

  'POST /api/campaigns/:slug/submissions': 'signedIn',
  'GET /api/campaigns/:slug/submissions': 'anyone',
  'GET /api/campaigns/:slug/submissions/similar': 'anyone',
  'GET /api/submissions/:id': 'anyone',
  'PATCH /api/submissions/:id': 'signedIn',
  'DELETE /api/submissions/:id': 'signedIn',
  'PUT /api/submissions/:id/vote': 'signedIn',
  'DELETE /api/submissions/:id/vote': 'signedIn',
  'GET /api/campaigns/:slug/votes/me': 'signedIn',
  'GET /api/campaigns/:slug/pair': 'signedIn',
  'POST /api/campaigns/:slug/pair': 'signedIn',
  'GET /api/campaigns/:slug/ranking': 'anyone',

  'GET /api/submissions/:id/comments': 'anyone',
  'POST /api/submissions/:id/comments': 'signedIn',
  'PATCH /api/comments/:id': 'signedIn',
  'DELETE /api/comments/:id': 'signedIn',
  'PUT /api/comments/:id/vote': 'signedIn',
  'DELETE /api/comments/:id/vote': 'signedIn',
  'GET /api/comments/:id/edits': ['moderator'],
  'GET /api/notifications': 'signedIn',
  'POST /api/notifications/read': 'signedIn',
  'GET /api/campaigns/:slug/events': 'anyone',

  'POST /api/reports': 'signedIn',
  'GET /api/moderation/queue': ['moderator'],
  'POST /api/moderation/actions': ['moderator'],
  'POST /api/moderation/appeals': 'signedIn',
  'GET /api/campaigns/:slug/moderation-log': 'anyone',
  'GET /api/campaigns/:slug/duplicate-clusters': ['moderator'],
  'PUT /api/submissions/:id/shortlist': ['moderator'],
  'DELETE /api/submissions/:id/shortlist': ['moderator'],
  'GET /api/campaigns/:slug/shortlist': 'anyone',

  'GET /api/campaigns/:slug/criteria': 'anyone',
  'PUT /api/submissions/:id/assessment': ['expert'],
  // Open at the door; the panel sees them as they are made, everyone once announced (canSeeAssessments).
  'GET /api/campaigns/:slug/assessments': 'anyone',
  'GET /api/submissions/:id/notes': ['expert'],
  'POST /api/submissions/:id/notes': ['expert'],
  'GET /api/drafts/:id/notes': ['expert'],
  'POST /api/drafts/:id/notes': ['expert'],

  'GET /api/campaigns/:slug/drafts': 'anyone',
  'POST /api/campaigns/:slug/drafts': ['expert'],
  'GET /api/drafts/:id': 'anyone',
  'POST /api/drafts/:id/versions': ['expert'],
  'GET /api/drafts/:id/versions': 'anyone',
  'GET /api/drafts/:id/diff': 'anyone',
  'PUT /api/drafts/:id/endorsement': ['expert'],
  'POST /api/drafts/:id/publish': ['expert'],
  'PUT /api/drafts/:id/vote': 'signedIn',
  'DELETE /api/drafts/:id/vote': 'signedIn',
  'GET /api/drafts/:id/comments': 'anyone',
  'POST /api/drafts/:id/comments': 'signedIn',
  'POST /api/campaigns/:slug/adopt': ['admin'],
  'GET /api/campaigns/:slug/result': 'anyone',

  'GET /api/campaigns/:slug/stats': 'anyone',
  'GET /api/campaigns/:slug/consensus': 'anyone',
  'GET /api/campaigns/:slug/open-data': 'anyone',
  'GET /api/campaigns/:slug/export.csv': 'anyone',
  'GET /api/campaigns/:slug/export.json': 'anyone',

  'POST /api/auth/register': 'anyone',
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/logout': 'signedIn',
  'GET /api/auth/me': 'anyone',
  'POST /api/auth/verification': 'signedIn',
  'POST /api/auth/verification/confirm': 'signedIn',

  'PATCH /api/me': 'signedIn',
  'GET /api/me/export': 'signedIn',
  'DELETE /api/me': 'signedIn',

  'GET /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'GET /api/admin/audit-log': ['admin'],
};

/** What a suspended (banned) account may still do: leave, and take or erase its data (PIPL). */
export const ALLOWED_WHILE_BANNED = new Set(['POST /api/auth/logout', 'DELETE /api/me']);

/** The interactive API documentation is public and served by a plugin with routes of its own. */
export const PUBLIC_PREFIXES = ['/api/docs'];
