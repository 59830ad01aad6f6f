import type { Route } from "./+types/start";
import { useT } from "../ui/i18n.tsx";
import { requestStateContext } from "../platform/request-context.ts";
import { translator } from "../i18n/translate.ts";

export async function loader({ context }: Route.LoaderArgs) {
  const { locale } = context.get(requestStateContext);
  return { title: translator(locale)("app.name") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function Start() {
  const t = useT();
  return (
    <section className="start">
      <h1>{t("start.title")}</h1>
      <p className="lead">{t("start.lead")}</p>
    </section>
  );
}
