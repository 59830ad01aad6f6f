import { z } from "zod";
import { locales } from "../../i18n/locales.ts";
import { PASSWORD_MAX_LENGTH } from "./rules.ts";

// One schema per form: used by the page's action and the service alike.

const email = z
  .string("error.required")
  .trim()
  .min(1, "error.required")
  .max(254, "error.tooLong")
  .pipe(z.email("error.email"));

const name = z.string("error.required").trim().min(1, "error.required").max(200, "error.tooLong");

/** Length and strength are checked by passwordProblem(); this only bounds the input. */
const password = z
  .string("error.required")
  .min(1, "error.required")
  .max(PASSWORD_MAX_LENGTH, "identity.error.passwordTooLong");

export const ZLoginSchema = z.object({
  email: z.string("error.required").trim().min(1, "error.required").max(254, "error.tooLong"),
  password,
});
export type TLogin = z.infer<typeof ZLoginSchema>;

export const ZRoleSchema = z.enum(["admin", "editor"], "error.invalid");

export const ZInviteSchema = z
  .object({
    email,
    name,
    locale: z.enum(locales, "error.invalid").default("sv"),
    organizationId: z.uuid("error.invalid").optional(),
    role: ZRoleSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.organizationId && !value.role)
      ctx.addIssue({ code: "custom", path: ["role"], message: "identity.error.roleRequired" });
    if (value.role && !value.organizationId)
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "identity.error.organizationRequired",
      });
  });
export type TInvite = z.input<typeof ZInviteSchema>;

export const ZSetPasswordSchema = z
  .object({ password, confirm: z.string("error.required").min(1, "error.required") })
  .refine((value) => value.password === value.confirm, {
    path: ["confirm"],
    message: "identity.error.passwordMismatch",
  });

export const ZResetRequestSchema = z.object({ email });

export const ZProfileSchema = z.object({
  name,
  locale: z.enum(locales, "error.invalid"),
});
export type TProfile = z.infer<typeof ZProfileSchema>;

export const ZApiTokenSchema = z.object({
  name: z.string("error.required").trim().min(1, "error.required").max(100, "error.tooLong"),
});

export const ZOrganizationRoleSchema = z.object({
  userId: z.uuid("error.invalid"),
  organizationId: z.uuid("error.invalid"),
  role: ZRoleSchema,
});

export const ZRemoveRoleSchema = z.object({
  userId: z.uuid("error.invalid"),
  organizationId: z.uuid("error.invalid"),
});

export const ZCreateUserSchema = z.object({
  email,
  name,
  password,
  isPlatformAdmin: z.boolean().default(false),
  locale: z.enum(locales).default("sv"),
});
