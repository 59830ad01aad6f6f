import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/start.tsx"),
  route("language", "routes/language.tsx"),
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),
] satisfies RouteConfig;
