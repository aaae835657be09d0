import "server-only";

/**
 * Rule-based intent detection: what an attendee's message asks for, before any full-text search or LLM. Tolerant of
 * case, punctuation and surrounding politeness ("Please cancel my registration!"). Questions *about* an action
 * ("Can I cancel?", "Is there parking?") are not the action: they go to the FAQ search.
 */
export type Intent =
  | { kind: "stop" }
  | { kind: "start" }
  | { kind: "help" }
  | { kind: "register" }
  | { kind: "cancel" }
  | { kind: "ticket" }
  | { kind: "keynote" }
  | { kind: "venue" }
  | { kind: "agenda" }
  | { kind: "event_time" }
  | { kind: "session_time"; subject: string }
  | { kind: "other" };

/** Lower case, no punctuation (apostrophes dropped, so "what's" → "whats"), single spaces. */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’'`]/g, "")
    .replace(/[^\p{L}\p{N}@.+\s-]/gu, " ")
    .replace(/(?<!\S)[.-]+|[.-]+(?!\S)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Twilio's standard opt-out keywords (https://help.twilio.com/articles/223134027), the whole message being the
 * keyword — except CANCEL, which here means cancelling a registration (docs/concierge.md, "Opt-out").
 */
export const STOP_WORDS = new Set(["stop", "stopall", "stop all", "unsubscribe", "end", "quit", "optout", "opt out", "revoke"]);
export const START_WORDS = new Set(["start", "unstop", "subscribe"]);
const HELP_WORDS = new Set(["help", "info", "menu", "commands", "hi", "hello", "hey", "hallo", "hola", "options"]);
const YES = new Set(["yes", "y", "yes please", "yep", "yeah", "confirm", "ok", "okay", "sure", "yes cancel", "yes cancel it", "please do"]);
const NO = new Set(["no", "n", "nope", "no thanks", "keep", "keep it", "dont", "do not", "never mind", "nevermind"]);
const ABORT = new Set(["cancel", "no", "never mind", "nevermind", "abort", "exit", "forget it", "no thanks"]);

export const isYes = (text: string) => YES.has(normalize(text));
export const isNo = (text: string) => NO.has(normalize(text));
/** Leaves a multi-turn flow ("cancel" while registering means: stop registering). */
export const isAbort = (text: string) => ABORT.has(normalize(text));

const QUESTION = /^(can|could|how|what|whats|when|where|is|are|do|does|will|why|may|should|am)\b/;
const POLITE = /^(please|pls|hi|hello|hey|ok|okay)\s+/;
const EVENT_SUBJECTS = /^(it|this|that|the event|event|the conference|conference|the day|things|everything|doors|the doors|doors open|registration|check in|check-in)$/;

export function detectIntent(text: string): Intent {
  const n = normalize(text);
  if (STOP_WORDS.has(n)) return { kind: "stop" };
  if (START_WORDS.has(n)) return { kind: "start" };
  if (n === "" || HELP_WORDS.has(n) || /^(help|what can you do|how does this work)\b/.test(n)) return { kind: "help" };

  let core = n;
  while (POLITE.test(core)) core = core.replace(POLITE, "");
  const question = QUESTION.test(core) || /\?\s*$/.test(text);

  // Actions: commands, or "I want to …"; "how do I register" starts registering too (it is what they want).
  if (/^(cancel|unregister|deregister)\b/.test(core) || /\b(want|like|need|wish) to (cancel|unregister)\b/.test(core) || /^cancel my\b/.test(core)) return { kind: "cancel" };
  if (
    /^(register|signup|sign up|sign me up|rsvp|book me|register me|count me in)\b/.test(core) ||
    /\b(want|like|need|wish) to (register|sign up|attend|join|book|come)\b/.test(core) ||
    /^(how|where) (do|can) i (register|sign up)\b/.test(core) ||
    /^can i (register|sign up)\b/.test(core)
  ) {
    return { kind: "register" };
  }
  if (!question && /^(my )?(ticket|tickets|qr|qr code)$/.test(core)) return { kind: "ticket" };
  if (/\b(my|send|resend|show|where is my|wheres my|get my|lost my|need my) (ticket|qr|qr code|tickets)\b/.test(core)) return { kind: "ticket" };

  // Schedule.
  if (/\bkeynote\b/.test(core)) return { kind: "keynote" };
  if (/^(schedule|agenda|program|programme|timetable|lineup|line up|sessions|talks)$/.test(core) || /\b(the|whats the|see the|send the|send me the|full) (schedule|agenda|program|programme|timetable|lineup)\b/.test(core)) {
    return { kind: "agenda" };
  }
  if (/^(address|location|venue|directions|where)$/.test(core) || /\bwhere\b.*\b(it|venue|event|conference|held|located|take place|taking place|happening)\b/.test(core) || /\bwhats the (address|location|venue)\b/.test(core) || /\bwhat is the (address|location|venue)\b/.test(core)) {
    return { kind: "venue" };
  }
  const timeOf =
    /^when (?:does|do|will) (.+?) (?:start|begin|kick off|happen|take place)$/.exec(core) ??
    /^what time (?:does|do|will) (.+?) (?:start|begin|kick off|happen|take place)$/.exec(core) ??
    /^(?:at )?what time (?:is|are) (.+?)(?: on| happening| starting)?$/.exec(core) ??
    /^when (?:is|are) (.+?)(?: on| happening| starting)?$/.exec(core) ??
    /^(?:what time|when) (?:does it|do things|do we) (?:start|begin)$/.exec(core);
  if (timeOf) {
    const subject = (timeOf[1] ?? "it").replace(/^(the|a|an)\s+/, "").trim();
    return EVENT_SUBJECTS.test(subject) || EVENT_SUBJECTS.test(`the ${subject}`) ? { kind: "event_time" } : { kind: "session_time", subject };
  }
  return { kind: "other" };
}
