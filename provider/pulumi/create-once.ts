import { TwilioClock } from "../twilio/clock";
import { TwilioApiError, mayHaveBeenProcessed } from "../twilio/errors";
import { messageOf } from "./error-message";
import { PropertyBag } from "../model/wire";

/**
 * The rules by which a create takes an object it finds as its own, written once for every kind.
 * Twilio has no idempotency key: a create whose answer is lost, or that a killed deploy left
 * behind, can only be recognised by what it made. README.md ("Interrupted deploys") says the same
 * in the user's words.
 *
 * 1. What an answer showed by its SID is the request's own.
 * 2. Where nothing but this stack deploys (`exclusive`: a Service this stack created), an object
 *    with exactly the identity asked for is the stack's own.
 * 3. Elsewhere (a Service shared with twilio-run or another stack), an object is this request's own
 *    only when Twilio dated it no earlier than the second the request was sent, by Twilio's clock,
 *    it has exactly the identity asked for, and no other object fits the same match; otherwise a
 *    fresh one is made and the candidates are reported as possible orphans. An orphan can be
 *    cleaned up; another deployer's object taken as this stack's would be deleted by its destroy.
 * 4. Nothing this process made or took is taken a second time, by another resource.
 */

/** What every candidate has: its SID and when Twilio made it (whole seconds, UTC). */
export interface Dated {
  sid: string;
  dateCreated: string;
}

// The Date header estimate is within half a second plus the wire time, and Twilio truncates
// `date_created` to the second: a second's allowance covers both.
const CLOCK_ALLOWANCE_MS = 1000;

/** The SIDs this process made or took as a resource's own. */
export class Claims {
  private readonly taken = new Set<string>();
  private readonly made = new Set<string>();

  /** Records `sid` as a resource's own; `fresh` when this process made it (it then held nothing from before). */
  claim(sid: string, fresh: boolean): void {
    this.taken.add(sid);
    if (fresh) this.made.add(sid);
  }

  /** Whether a resource of this process owns `sid` already. */
  isClaimed(sid: string): boolean {
    return this.taken.has(sid);
  }

  /** Whether this process made `sid` (or took it while it held nothing): nothing in it predates this run. */
  isFresh(sid: string): boolean {
    return this.made.has(sid);
  }
}

/** One deploy is one provider process: its claims are the process's. */
export const claims = new Claims();

/** What a lookup found: the object that is the create's own, and others that may be. */
export interface Verdict<T> {
  own?: T;
  /** Objects that fit but cannot be proven the request's own: possible orphans. */
  suspects: T[];
}

/** How a lookup's candidates are judged. */
export interface OwnershipRule<T> {
  /** Nothing but this stack deploys here (rule 2). */
  exclusive: boolean;
  /** Twilio's time when the create was first sent; `undefined` when no answer has shown it. */
  sentAtTwilio: number | undefined;
  /** Exactly the identity asked for. */
  matches: (candidate: T) => boolean;
  isClaimed: (sid: string) => boolean;
}

/** The ownership rules applied to what a lookup listed; pure, so that each rule is tested alone. */
export function judge<T extends Dated>(candidates: readonly T[], rule: OwnershipRule<T>): Verdict<T> {
  const exact = candidates
    .filter((c) => rule.matches(c) && !rule.isClaimed(c.sid))
    .sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
  const { sentAtTwilio } = rule;
  const since =
    sentAtTwilio === undefined
      ? []
      : exact.filter((c) => !(Date.parse(c.dateCreated) < floorToSecond(sentAtTwilio - CLOCK_ALLOWANCE_MS)));
  if (rule.exclusive) return { own: since[0] ?? exact[0], suspects: [] };
  if (since.length === 1) return { own: since[0], suspects: [] };
  return { suspects: since };
}

const floorToSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

/**
 * A create Twilio answered in a way that shows it made the object (its SID), but whose object
 * could not be read: the resource is kept in the stack with that SID.
 */
export class CreatedButUnread extends Error {
  constructor(
    message: string,
    /** The SID Twilio's answer showed. */
    readonly sid: string,
  ) {
    super(message);
    this.name = "CreatedButUnread";
  }
}

/** One create, and how to recognise what it made. */
export interface CreateOnce<T extends Dated> {
  /** The kind, as users know it (`Function`). */
  kind: string;
  /** The object asked for, as messages name it (`Function "/hello" in Service ZS…`). */
  what: string;
  /** Nothing but this stack deploys where it is made (rule 2). */
  exclusive: boolean;
  clock: TwilioClock;
  log: (message: string) => void;
  /** Sends the create; `lookup` runs before a resend that follows an answer lost after sending. */
  send: (lookup: () => Promise<T | undefined>) => Promise<T>;
  /** What could be the object asked for, listed now. */
  candidates: () => Promise<T[]>;
  /** Exactly the identity asked for. */
  matches: (candidate: T) => boolean;
  /** Several resources may stand for one object (rule 4 does not apply): Twilio never deletes it. */
  shareable?: boolean;
  /** Fetches one by SID. */
  fetch: (sid: string) => Promise<T>;
  /**
   * What an interrupted earlier attempt may have left, looked for before anything is sent
   * (`undefined` to skip the look: nothing can predate this run there).
   */
  leftovers?: () => Promise<T[]>;
  /**
   * For a create Twilio refused because the identity exists (409) and nothing found is provably
   * its own: takes what may be taken, or throws an error that names what is there and the ways out.
   */
  conflict?: (err: TwilioApiError, existing: T[]) => Promise<T>;
}

const isConflict = (err: unknown): err is TwilioApiError => err instanceof TwilioApiError && err.status === 409;

/**
 * Creates an object exactly once, whatever happens to Twilio's answers: what an earlier attempt
 * made is found and taken by the rules above, and nothing is taken that the rules do not give.
 */
export async function createOnce<T extends Dated>(spec: CreateOnce<T>): Promise<T> {
  const { clock, log, kind } = spec;
  const sentAt = clock.now();
  const rule = (): OwnershipRule<T> => ({
    exclusive: spec.exclusive,
    sentAtTwilio: clock.at(sentAt),
    matches: spec.matches,
    isClaimed: (sid) => spec.shareable !== true && claims.isClaimed(sid),
  });
  const take = (found: T, how: string): T => {
    claims.claim(found.sid, false);
    log(`${how}: took ${kind} ${found.sid} as ${spec.what}.`);
    return found;
  };

  if (spec.exclusive && spec.leftovers !== undefined) {
    const left = judge(await spec.leftovers(), { ...rule(), sentAtTwilio: undefined }).own;
    if (left !== undefined) return take(left, "An interrupted deploy left it");
  }

  let suspects: T[] = [];
  let found: T | undefined;
  // The transport looks only before resending an attempt that Twilio may have processed.
  const attempts = { earlierMayHaveMadeIt: false };
  const lookup = async (): Promise<T | undefined> => {
    attempts.earlierMayHaveMadeIt = true;
    const verdict = judge(await spec.candidates(), rule());
    suspects = verdict.suspects;
    found = verdict.own;
    return found;
  };
  let made: T;
  try {
    made = await spec.send(lookup);
  } catch (err) {
    if (isConflict(err)) {
      return conflicted(spec, err, attempts.earlierMayHaveMadeIt || spec.exclusive ? rule : undefined, take);
    }
    if (!(err instanceof TwilioApiError) || err.method !== "POST" || !mayHaveBeenProcessed(err)) throw err;
    return recoverLost(spec, err, lookup, take, () => suspects);
  }
  // The transport returns what the lookup before a resend found.
  if (found !== undefined && found.sid === made.sid)
    return take(made, `Twilio's answer to the create of ${spec.what} was lost`);
  if (suspects.length > 0) reportSuspects(spec, suspects);
  claims.claim(made.sid, true);
  return made;
}

/**
 * A create Twilio refused as a duplicate. The refused attempt made nothing, so the object is this
 * create's only when an earlier attempt may have made it (`rule` is then given), or when the Service
 * is this stack's alone. Otherwise it is someone else's, whenever Twilio dated it: its dates have
 * whole seconds, and a window around the send would take one made a moment before.
 */
async function conflicted<T extends Dated>(
  spec: CreateOnce<T>,
  err: TwilioApiError,
  rule: (() => OwnershipRule<T>) | undefined,
  take: (found: T, how: string) => T,
): Promise<T> {
  const existing = await spec.candidates();
  const verdict: Verdict<T> = rule !== undefined ? judge(existing, rule()) : { suspects: [] };
  if (verdict.own !== undefined) {
    const why = spec.exclusive ? "It exists already, in a Service only this stack deploys to" : "Made by this create";
    return take(verdict.own, why);
  }
  if (spec.conflict !== undefined) return spec.conflict(err, existing.filter(spec.matches));
  const there = existing.filter(spec.matches).map((c) => `${c.sid} (made ${c.dateCreated})`);
  throw new Error(
    `${err.message} ${spec.what} exists already${there.length > 0 ? `: ${there.join(", ")}` : ""}, and nothing ` +
      "shows it is this stack's: another deployer may have made it. Delete it if it is a leftover, or give this " +
      "resource another identity.",
  );
}

async function recoverLost<T extends Dated>(
  spec: CreateOnce<T>,
  err: TwilioApiError,
  lookup: () => Promise<T | undefined>,
  take: (found: T, how: string) => T,
  suspects: () => T[],
): Promise<T> {
  const answer = err.status !== undefined && err.status < 300 ? "unreadable" : "lost";
  if (err.createdSid !== undefined) {
    const sid = err.createdSid;
    let shown: T;
    try {
      shown = await spec.fetch(sid);
    } catch (fetchErr) {
      claims.claim(sid, true);
      throw new CreatedButUnread(
        `Twilio created ${spec.kind} ${sid} (${spec.what}) but its answer was unreadable, and reading it again ` +
          `failed (${messageOf(fetchErr)}). It is kept in the stack; run "pulumi refresh" to read the rest of its ` +
          `outputs. ${err.message}`,
        sid,
      );
    }
    return take(shown, `Twilio's answer to the create of ${spec.what} was unreadable, but showed its SID`);
  }
  let own: T | undefined;
  try {
    own = await lookup();
  } catch (lookupErr) {
    throw new Error(
      `${err.message} Twilio's answer to the create of ${spec.what} was ${answer}, and looking for what it made ` +
        `failed too (${messageOf(lookupErr)}). If Twilio made it, the next "pulumi up" takes it where only this ` +
        "stack deploys; in a shared Service it may stay behind as an orphan to delete.",
    );
  }
  if (own !== undefined) return take(own, `Twilio's answer to the create of ${spec.what} was ${answer}`);
  const left = suspects();
  const maybe =
    left.length > 0
      ? ` It may have made one of ${left.map((s) => s.sid).join(", ")}, which fit but cannot be told from another ` +
        "deployer's: delete the one that is not in use if it is a leftover."
      : ' No such object was found, so it was most likely not made; the next "pulumi up" tries again.';
  throw new Error(`${err.message} Twilio's answer to the create of ${spec.what} was ${answer}.${maybe}`);
}

function reportSuspects<T extends Dated>(spec: CreateOnce<T>, suspects: T[]): void {
  spec.log(
    `Twilio's answer to the create of ${spec.what} was lost and a new one was made, as ` +
      `${suspects.map((s) => s.sid).join(", ")} cannot be told from another deployer's: if one of them is ` +
      "a leftover of the lost attempt (it is not in use), delete it.",
  );
}

/** Whether checked inputs say that nothing but this stack deploys into the Service. */
export const isExclusive = (inputs: PropertyBag): boolean => inputs.exclusiveService === true;

/**
 * The first listing of each container this process asks for, shared by every create in it: a
 * deploy of fifty Functions lists the Service's Functions once, before any of them is made, so
 * that no sibling made in this run is ever mistaken for a leftover.
 */
export function firstListing<T>(): (key: string, list: () => Promise<T[]>) => Promise<T[]> {
  const listings = new Map<string, Promise<T[]>>();
  return (key, list) => {
    let listing = listings.get(key);
    if (listing === undefined) {
      listing = list();
      listings.set(key, listing);
      // A failed listing is asked for again by the next create.
      listing.catch(() => listings.delete(key));
    }
    return listing;
  };
}
