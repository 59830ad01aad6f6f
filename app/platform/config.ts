import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((value) => value === "1" || value === "true");

/** Every environment variable Samverka reads. The README's configuration table mirrors this. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  // Vite (and so Vitest) puts its own base path "/" into process.env.BASE_URL; that is not ours.
  BASE_URL: z.preprocess(
    (value) => (value === "/" ? undefined : value),
    z.url().default("http://localhost:3000"),
  ),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().startsWith("postgres").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(10),
  SAMVERKA_DEMO: flag.default(true),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Samverka <no-reply@samverka.localhost>"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("e-legitimation"),
  OIDC_SCOPES: z.string().default("openid email profile"),
  JOBS_POLL_MS: z.coerce.number().int().min(10).default(1000),
  JOBS_ENABLED: flag.default(true),
  PAGE_CACHE_MS: z.coerce.number().int().min(0).default(3000),
});

export type Config = z.infer<typeof EnvSchema> & {
  dataDir: string;
  secureCookies: boolean;
};

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DATA_DIR),
    secureCookies: parsed.data.BASE_URL.startsWith("https://"),
  };
}

let current: Config | undefined;

export function config(): Config {
  current ??= parseConfig(process.env);
  return current;
}

/** Tests and scripts that change the environment call this to read it again. */
export function resetConfig(): void {
  current = undefined;
}
