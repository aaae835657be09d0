/**
 * The small subset of Inngest's CEL expressions the local executor understands, enough for
 * `step.waitForEvent(..., { match: "data.x" })` (sent as `event.data.x == async.data.x`) and simple `if` filters:
 * comparisons (`==`, `!=`) between paths (`event.…`, `async.…`) and literals (strings, numbers, true/false/null),
 * joined by `&&`. Anything else is rejected loudly rather than guessed.
 */
type Scope = { event?: unknown; async?: unknown };

export class UnsupportedExpressionError extends Error {}

function resolvePath(path: string, scope: Scope): unknown {
  const [root, ...rest] = path.split(".");
  let value: unknown = root === "event" ? scope.event : root === "async" ? scope.async : undefined;
  if (root !== "event" && root !== "async") throw new UnsupportedExpressionError(`unknown variable "${root}"`);
  for (const key of rest) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function operand(raw: string, scope: Scope): unknown {
  const text = raw.trim();
  if (/^'.*'$|^".*"$/.test(text)) return text.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  if (/^[A-Za-z_][\w]*(\.[\w-]+)*$/.test(text)) return resolvePath(text, scope);
  throw new UnsupportedExpressionError(`cannot evaluate "${text}"`);
}

export function evaluate(expression: string, scope: Scope): boolean {
  return expression.split("&&").every((clause) => {
    const match = /^(.*?)(==|!=)(.*)$/.exec(clause.trim());
    if (!match) throw new UnsupportedExpressionError(`unsupported expression "${clause.trim()}"`);
    const left = operand(match[1]!, scope);
    const right = operand(match[3]!, scope);
    const equal = left !== undefined && JSON.stringify(left) === JSON.stringify(right);
    return match[2] === "==" ? equal : !equal;
  });
}

/** The value of a single operand (a literal or an `event.…` path), for expressions that compute rather than compare. */
export function evaluateValue(expression: string, scope: Scope): unknown {
  return operand(expression, scope);
}
