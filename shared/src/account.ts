import { z } from 'zod';
import { localeSchema, roleSchema } from './domain.ts';
import { displayNameKey, readableText, visibleCharacters } from './text.ts';

/** Mainland mobile numbers as `+86` and 11 digits starting with 1; spaces, dashes and brackets are ignored. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+86|0086|86)?(1\d{10})$/.exec(compact);
  return match ? `+86${match[1]}` : null;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const PHONE_MESSAGE = 'enter a mainland mobile number: 11 digits starting with 1, optionally with +86';

export const phoneSchema = z
  .string()
  .trim()
  .max(40, { message: PHONE_MESSAGE })
  .transform((value, context) => {
    const phone = normalizePhone(value);
    if (!phone) {
      context.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'enter an email address like name@example.com' }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `use at most ${PASSWORD_MAX_LENGTH} characters` });

/** The name public contributions keep once their author deleted the account. */
export const DELETED_USER_NAME = '已注销用户';

/**
 * A display name: readable, visible, not `<` or `>`, and not the deleted-user label. Staff
 * members' names are reserved too; the server checks those, as they live in the database.
 */
export const displayNameSchema = readableText(
  z
    .string()
    .trim()
    .min(2, { message: 'use at least 2 characters' })
    .max(40, { message: 'use at most 40 characters' }),
  'line',
)
  .refine((name) => !/[<>]/.test(name), { message: 'remove < and >' })
  .refine((name) => visibleCharacters(name) !== '', { message: 'use characters that can be seen, not only spaces or invisible characters' })
  .refine((name) => displayNameKey(name) !== displayNameKey(DELETED_USER_NAME), { message: 'this name is reserved: choose another' });

export const districtCodeSchema = z.string().regex(/^5001\d\d$|^5002\d\d$/, { message: 'choose one of Chongqing\'s districts' });

/**
 * The privacy notice's version, shown on /privacy. Change it with every change of the notice:
 * sign-ups must then consent to the new version.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-02';

/** Where the notice asks residents to write about their personal information: an installation puts its own address here. */
export const PRIVACY_CONTACT_EMAIL = 'privacy@city-spirit.example';

/** Consent to the privacy notice, as PIPL asks: informed (the version read) and explicit (a ticked box). */
export const privacyConsentSchema = z
  .object(
    {
      version: z.literal(PRIVACY_NOTICE_VERSION, {
        error: (issue) =>
          issue.input === undefined
            ? `say which version of the privacy notice you agree to: ${PRIVACY_NOTICE_VERSION}`
            : `the privacy notice has changed: read version ${PRIVACY_NOTICE_VERSION} at /privacy and agree to it`,
      }),
    },
    { error: (issue) => (issue.input === undefined ? 'agree to the privacy notice to sign up' : undefined) },
  )
  .meta({ id: 'PrivacyConsent', description: 'Consent to the current privacy notice (`/privacy`), required at sign-up.' });

export const registerSchema = z
  .object({
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    password: passwordSchema,
    displayName: displayNameSchema,
    districtCode: districtCodeSchema.optional(),
    locale: localeSchema.optional(),
    privacyConsent: privacyConsentSchema,
    /** Honeypot: hidden in the form, left empty by people, filled in by bots. */
    website: z.string().max(500).optional(),
  })
  .refine((body) => Boolean(body.email) !== Boolean(body.phone), {
    message: 'give either an email address or a mobile number (one of them)',
    path: ['email'],
  })
  .meta({ id: 'Register' });
export type RegisterInput = z.input<typeof registerSchema>;

export const loginSchema = z
  .object({
    login: z.string().trim().min(1, { message: 'enter your email address or mobile number' }).max(254),
    password: z.string().min(1, { message: 'enter your password' }).max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: 'Login' });
export type LoginInput = z.input<typeof loginSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    role: roleSchema,
    verified: z.boolean(),
    districtCode: z.string().nullable(),
    banned: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

/** The signed-in user's own account, with the contact details only they may see. */
export const ownUserSchema = userSchema
  .extend({
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: localeSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OwnUser' });
export type OwnUser = z.infer<typeof ownUserSchema>;

export const sessionResponseSchema = z.object({ user: ownUserSchema, csrfToken: z.string() }).meta({ id: 'Session' });
export const meResponseSchema = z.object({ user: ownUserSchema.nullable(), csrfToken: z.string() });

export const profileUpdateSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    districtCode: districtCodeSchema.nullable().optional(),
    locale: localeSchema.optional(),
  })
  .meta({ id: 'ProfileUpdate' });

export const verificationRequestSchema = z.object({ phone: phoneSchema });
export const verificationConfirmSchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, { message: 'enter the 6-digit code from the text message' }),
});

export const adminUserUpdateSchema = z
  .object({
    role: roleSchema.optional(),
    banned: z.boolean().optional(),
    reason: z.string().trim().min(3, { message: 'say why, in a few words' }).max(500),
  })
  .refine((body) => body.role !== undefined || body.banned !== undefined, { message: 'change role or banned (or both)', path: ['role'] })
  .meta({ id: 'AdminUserUpdate' });

export const userIdParamsSchema = z.object({ id: z.uuid({ message: 'not a valid id' }) });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string().nullable(), role: roleSchema.nullable(), displayName: z.string().nullable() }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    reason: z.string(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const adminUserQuerySchema = listQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
});
