// The budget page's form: expected attendance per ticket type, cost and income lines, and the
// break-even summary. Rendered on the server and recomputed there on submit; in the browser it
// recomputes live from React state with the same pure functions (budget-form.ts,
// budget-rules.ts) as the organizer types.
import { useId, useState, useSyncExternalStore, type ReactNode } from "react";
import { Form } from "react-router";
import { intlTag, type Locale } from "../../i18n/locales.ts";
import type { Translate } from "../../i18n/translate.ts";
import { CsrfField } from "../../ui/csrf.tsx";
import { Options } from "../../ui/form.tsx";
import {
  blankLine,
  computeDraft,
  earlyBirdField,
  expectedField,
  lineField,
  type BudgetDraft,
  type DraftLine,
} from "./budget-form.ts";
import {
  budgetBases,
  costCategories,
  incomeCategories,
  minorToDecimal,
  type BudgetResult,
} from "./budget-rules.ts";

export type EditorTicketType = {
  id: string;
  name: string;
  price: number;
  budgetPrice: number;
  budgetEarlyBirdPrice: number | null;
  invitationOnly: boolean;
};

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Minor units as money in the reader's language, exactly (formatted from a decimal string):
 * whole amounts without decimals ("12 500 kr"), others with two ("12 500,50 kr").
 */
export function formatMoney(locale: Locale, minor: bigint | number, currency: string): string {
  const whole = BigInt(minor) % 100n === 0n;
  const key = `${locale}|${currency}|${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlTag[locale], {
      style: "currency",
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(key, format);
  }
  return format.format(minorToDecimal(minor) as `${number}`);
}

const subscribeNever = () => () => {};

export function decimalSignOf(locale: Locale): "," | "." {
  return locale === "en" ? "." : ",";
}

type Props = {
  t: Translate;
  locale: Locale;
  currency: string;
  ticketTypes: EditorTicketType[];
  initialDraft: BudgetDraft;
  fieldErrors: Record<string, string[]>;
};

export function BudgetEditor({
  t,
  locale,
  currency,
  ticketTypes,
  initialDraft,
  fieldErrors,
}: Props) {
  const [draft, setDraft] = useState(initialDraft);
  // Buttons that only work with scripts appear once the page is live.
  const live = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const { result, lineTotals, unreadable } = computeDraft(draft, ticketTypes);
  const money = (minor: bigint | number) => formatMoney(locale, minor, currency);

  const setExpected = (id: string, value: string) =>
    setDraft((current) => ({ ...current, expected: { ...current.expected, [id]: value } }));
  const setEarlyBird = (id: string, value: string) =>
    setDraft((current) => ({ ...current, earlyBird: { ...current.earlyBird, [id]: value } }));
  const anyEarlyBird = ticketTypes.some((type) => type.budgetEarlyBirdPrice !== null);
  const setLine = (index: number, patch: Partial<DraftLine>) =>
    setDraft((current) => ({
      ...current,
      lines: current.lines.map((line, i) => (i === index ? { ...line, ...patch } : line)),
    }));
  const addLine = (kind: "cost" | "income") =>
    setDraft((current) => ({
      ...current,
      lines: [...current.lines, blankLine(kind, `added-${current.lines.length}-${Date.now()}`)],
    }));

  const indexed = draft.lines.map((line, index) => ({ line, index }));
  const costs = indexed.filter(({ line }) => line.kind === "cost");
  const incomes = indexed.filter(({ line }) => line.kind === "income");
  const ticketTotal = (index: number) => result.ticketTotals[index] ?? 0n;
  const lineRows = (
    entries: typeof indexed,
    categories: readonly string[],
    totalOf: (index: number) => bigint | undefined,
  ) =>
    entries.map(({ line, index }, row) => (
      <LineRow
        key={line.key}
        t={t}
        line={line}
        index={index}
        number={row + 1}
        categories={categories}
        total={totalOf(index)}
        money={money}
        errors={fieldErrors}
        onChange={(patch) => setLine(index, patch)}
      />
    ));

  return (
    <Form method="post" noValidate className="budget-form">
      <CsrfField />
      <input type="hidden" name="version" value={draft.version} />

      <section aria-labelledby="budget-attendance">
        <h2 id="budget-attendance">{t("budget.attendance.title")}</h2>
        {ticketTypes.length === 0 ? (
          <p>{t("budget.attendance.noTicketTypes")}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("budget.attendance.ticketType")}</th>
                    <th scope="col">{t("budget.attendance.price")}</th>
                    <th scope="col">{t("budget.attendance.expected")}</th>
                    {anyEarlyBird ? <th scope="col">{t("budget.attendance.earlyBird")}</th> : null}
                    <th scope="col">{t("budget.attendance.income")}</th>
                  </tr>
                </thead>
                <tbody>
                  {ticketTypes.map((type, index) => (
                    <tr key={type.id}>
                      <th scope="row">
                        {type.name}
                        {type.invitationOnly ? ` (${t("budget.attendance.byInvitation")})` : ""}
                      </th>
                      <td>
                        {money(type.budgetPrice)}
                        {type.budgetEarlyBirdPrice !== null
                          ? ` (${t("budget.attendance.earlyBirdPrice", {
                              price: money(type.budgetEarlyBirdPrice),
                            })})`
                          : ""}
                      </td>
                      <td>
                        <CellInput
                          name={expectedField(type.id)}
                          label={t("budget.attendance.expectedFor", { name: type.name })}
                          value={draft.expected[type.id] ?? ""}
                          onChange={(value) => setExpected(type.id, value)}
                          errors={fieldErrors[expectedField(type.id)]}
                          t={t}
                          inputMode="numeric"
                          size={6}
                        />
                      </td>
                      {anyEarlyBird ? (
                        <td>
                          {type.budgetEarlyBirdPrice !== null ? (
                            <CellInput
                              name={earlyBirdField(type.id)}
                              label={t("budget.attendance.earlyBirdFor", { name: type.name })}
                              value={draft.earlyBird[type.id] ?? ""}
                              onChange={(value) => setEarlyBird(type.id, value)}
                              errors={fieldErrors[earlyBirdField(type.id)]}
                              t={t}
                              inputMode="numeric"
                              size={6}
                            />
                          ) : (
                            "–"
                          )}
                        </td>
                      ) : null}
                      <td>{money(ticketTotal(index))}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("budget.attendance.total")}</th>
                    <td />
                    <td>{result.attendees}</td>
                    {anyEarlyBird ? <td /> : null}
                    <td>{money(result.ticketIncome)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <div className="field">
              <label htmlFor="budget-ordinary">{t("budget.field.ordinary")}</label>
              <span className="hint" id="budget-ordinary-hint">
                {t("budget.field.ordinaryHint")}
              </span>
              {fieldErrors.ordinaryTicketTypeId ? (
                <p className="field-error" id="budget-ordinary-error">
                  {fieldErrors.ordinaryTicketTypeId.map((key) => t(key)).join(" ")}
                </p>
              ) : null}
              <select
                id="budget-ordinary"
                name="ordinaryTicketTypeId"
                value={draft.ordinaryTicketTypeId}
                aria-describedby={
                  fieldErrors.ordinaryTicketTypeId
                    ? "budget-ordinary-hint budget-ordinary-error"
                    : "budget-ordinary-hint"
                }
                aria-invalid={fieldErrors.ordinaryTicketTypeId ? true : undefined}
                onChange={(event) =>
                  setDraft((current) => ({ ...current, ordinaryTicketTypeId: event.target.value }))
                }
              >
                <option value="">{t("budget.field.ordinaryNone")}</option>
                {ticketTypes
                  .filter((type) => !type.invitationOnly)
                  .map((type) => (
                    <option key={type.id} value={type.id}>
                      {type.name}
                    </option>
                  ))}
              </select>
            </div>
          </>
        )}
      </section>

      <LinesTable
        id="budget-costs"
        title={t("budget.costs.title")}
        hint={<p className="hint">{t("budget.costs.hint", { currency })}</p>}
        columns={[
          t("budget.line.label"),
          t("budget.line.category"),
          t("budget.line.basis"),
          t("budget.line.amount"),
          t("budget.line.total"),
          t("budget.line.remove"),
        ]}
        totalLabel={t("budget.costs.total")}
        total={money(result.costs)}
        addLabel={t("budget.costs.add")}
        onAdd={live ? () => addLine("cost") : undefined}
      >
        {lineRows(costs, costCategories, (index) => lineTotals.get(index))}
      </LinesTable>

      <LinesTable
        id="budget-income"
        title={t("budget.income.title")}
        columns={[
          t("budget.line.label"),
          t("budget.line.category"),
          t("budget.line.amount"),
          t("budget.line.remove"),
        ]}
        totalLabel={t("budget.income.total")}
        total={money(result.otherIncome)}
        addLabel={t("budget.income.add")}
        onAdd={live ? () => addLine("income") : undefined}
      >
        {lineRows(incomes, incomeCategories, () => undefined)}
      </LinesTable>

      <BudgetSummary
        t={t}
        result={result}
        money={money}
        unreadable={unreadable}
        ordinaryName={ticketTypes.find((type) => type.id === draft.ordinaryTicketTypeId)?.name}
      />

      <div className="actions">
        <button type="submit" name="intent" value="preview" className="button secondary">
          {t("budget.recompute")}
        </button>
        <button type="submit" name="intent" value="save">
          {t("budget.save")}
        </button>
      </div>
    </Form>
  );
}

/** A table of budget lines, with their total and, while editing live, a button to add one. */
function LinesTable({
  id,
  title,
  hint,
  columns,
  totalLabel,
  total,
  addLabel,
  onAdd,
  children,
}: {
  id: string;
  title: string;
  hint?: ReactNode;
  columns: string[];
  totalLabel: string;
  total: string;
  addLabel: string;
  onAdd: (() => void) | undefined;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint}
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={columns.length - 2}>
                {totalLabel}
              </th>
              <td>{total}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {onAdd ? (
        <p>
          <button type="button" className="button secondary" onClick={onAdd}>
            {addLabel}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function CellInput({
  name,
  label,
  value,
  onChange,
  errors,
  t,
  inputMode,
  size,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  t: Translate;
  inputMode?: "numeric" | "decimal" | "text";
  size?: number;
}) {
  const id = useId();
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        name={name}
        value={value}
        inputMode={inputMode}
        size={size}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errorId}
        onChange={(event) => onChange(event.target.value)}
      />
      {errors?.length ? (
        <p className="field-error" id={errorId}>
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function LineRow({
  t,
  line,
  index,
  number,
  categories,
  total,
  money,
  errors,
  onChange,
}: {
  t: Translate;
  line: DraftLine;
  index: number;
  number: number;
  categories: readonly string[];
  /** The line's total; undefined for income rows (no total column). */
  total: bigint | undefined;
  money: (minor: bigint) => string;
  errors: Record<string, string[]>;
  onChange: (patch: Partial<DraftLine>) => void;
}) {
  const id = useId();
  const isCost = line.kind === "cost";
  const which = t(isCost ? "budget.line.costNumber" : "budget.line.incomeNumber", { number });
  const categoryErrors = errors[lineField(index, "category")];
  const basisErrors = errors[lineField(index, "basis")];
  return (
    <tr>
      <td>
        <input type="hidden" name={lineField(index, "kind")} value={line.kind} />
        {isCost ? null : <input type="hidden" name={lineField(index, "basis")} value="fixed" />}
        <CellInput
          name={lineField(index, "label")}
          label={`${t("budget.line.label")}, ${which}`}
          value={line.label}
          onChange={(label) => onChange({ label })}
          errors={errors[lineField(index, "label")]}
          t={t}
        />
      </td>
      <td>
        <div className="field">
          <label htmlFor={`${id}-category`} className="visually-hidden">
            {`${t("budget.line.category")}, ${which}`}
          </label>
          <select
            id={`${id}-category`}
            name={lineField(index, "category")}
            value={line.category}
            aria-invalid={categoryErrors ? true : undefined}
            aria-describedby={categoryErrors ? `${id}-category-error` : undefined}
            onChange={(event) => onChange({ category: event.target.value })}
          >
            <Options
              options={categories.map((category) => ({
                value: category,
                label: t(`budget.category.${line.kind}.${category}`),
              }))}
            />
          </select>
          {categoryErrors ? (
            <p className="field-error" id={`${id}-category-error`}>
              {categoryErrors.map((key) => t(key)).join(" ")}
            </p>
          ) : null}
        </div>
      </td>
      {isCost ? (
        <td>
          <div className="field">
            <label htmlFor={`${id}-basis`} className="visually-hidden">
              {`${t("budget.line.basis")}, ${which}`}
            </label>
            <select
              id={`${id}-basis`}
              name={lineField(index, "basis")}
              value={line.basis}
              aria-invalid={basisErrors ? true : undefined}
              onChange={(event) => onChange({ basis: event.target.value })}
            >
              <Options
                options={budgetBases.map((basis) => ({
                  value: basis,
                  label: t(`budget.basis.${basis}`),
                }))}
              />
            </select>
          </div>
        </td>
      ) : null}
      <td>
        <CellInput
          name={lineField(index, "amount")}
          label={`${t(
            isCost && line.basis === "per_attendee"
              ? "budget.line.amountPerAttendee"
              : "budget.line.amount",
          )}, ${which}`}
          value={line.amount}
          onChange={(amount) => onChange({ amount })}
          errors={errors[lineField(index, "amount")]}
          t={t}
          inputMode="decimal"
          size={10}
        />
      </td>
      {isCost ? <td>{total !== undefined ? money(total) : "–"}</td> : null}
      <td>
        <div className="choice">
          <input
            type="checkbox"
            id={`${id}-remove`}
            name={lineField(index, "remove")}
            value="1"
            checked={line.remove}
            onChange={(event) => onChange({ remove: event.target.checked })}
          />
          <label htmlFor={`${id}-remove`}>
            <span className="visually-hidden">{`${t("budget.line.remove")}, ${which}`}</span>
            <span aria-hidden="true">{t("budget.line.remove")}</span>
          </label>
        </div>
      </td>
    </tr>
  );
}

export function BudgetSummary({
  t,
  result,
  money,
  unreadable,
  ordinaryName,
}: {
  t: Translate;
  result: BudgetResult;
  money: (minor: bigint) => string;
  unreadable: number;
  ordinaryName: string | undefined;
}) {
  const breakEven = result.breakEven;
  const surplus = result.result >= 0n;
  return (
    <section aria-labelledby="budget-result" className="budget-result">
      <h2 id="budget-result">{t("budget.result.title")}</h2>
      <div aria-live="polite">
        {unreadable > 0 ? (
          <p className="notice error">{t("budget.result.unreadable", { count: unreadable })}</p>
        ) : null}
        <dl className="facts">
          <dt>{t("budget.result.attendees")}</dt>
          <dd>{result.attendees}</dd>
          <dt>{t("budget.result.fixedCosts")}</dt>
          <dd>{money(result.fixedCosts)}</dd>
          <dt>{t("budget.result.perAttendeeCosts")}</dt>
          <dd>
            {t("budget.result.perAttendeeDetail", {
              each: money(result.costPerAttendee),
              count: result.attendees,
              total: money(result.perAttendeeCosts),
            })}
          </dd>
          <dt>{t("budget.result.costs")}</dt>
          <dd>{money(result.costs)}</dd>
          <dt>{t("budget.result.ticketIncome")}</dt>
          <dd>{money(result.ticketIncome)}</dd>
          <dt>{t("budget.result.otherIncome")}</dt>
          <dd>{money(result.otherIncome)}</dd>
          <dt>{t("budget.result.income")}</dt>
          <dd>{money(result.income)}</dd>
          <dt>{t(surplus ? "budget.result.surplus" : "budget.result.deficit")}</dt>
          <dd>
            <strong>{money(surplus ? result.result : -result.result)}</strong>
          </dd>
        </dl>
        <h3>{t("budget.breakEven.title")}</h3>
        {breakEven.status === "ok" ? (
          <>
            <p>
              {t("budget.breakEven.fee", {
                ticket: ordinaryName ?? "",
                fee: money(breakEven.feeWholeUnits),
                exact: money(breakEven.fee),
              })}
            </p>
            <p>
              {t("budget.breakEven.current", { price: money(breakEven.currentPrice) })}{" "}
              {breakEven.attendanceAtCurrentPrice === null
                ? t("budget.breakEven.never")
                : t("budget.breakEven.attendance", {
                    count: breakEven.attendanceAtCurrentPrice,
                  })}
            </p>
          </>
        ) : (
          <p>{t(`budget.breakEven.${breakEven.status}`)}</p>
        )}
        <p className="hint">{t("budget.result.note")}</p>
      </div>
    </section>
  );
}
