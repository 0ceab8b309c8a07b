import { messageOf } from '../errors.ts';
import {
  FlowTooLargeError,
  StudioApiError,
  StudioBadAnswerError,
  StudioDeadlineError,
  StudioNetworkError,
  StudioTimeoutError,
  StudioUnconfirmedWriteError,
  StudioWriteNotAppliedError,
} from './errors.ts';

export interface Explained {
  /** True when no other flow can succeed either (bad credentials): the run should stop. */
  fatal: boolean;
  message: string;
  fix: string;
}

/** Text ending in one full stop. */
const sentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Turn a failed Studio call into a message a user can act on, by Twilio error code. */
export function describeStudioFailure(error: unknown): Explained {
  if (error instanceof FlowTooLargeError) {
    return {
      fatal: false,
      message: error.message,
      fix: 'Split the flow into subflows (run-subflow) or remove unused widgets.',
    };
  }
  if (error instanceof StudioTimeoutError) {
    return {
      fatal: false,
      message: error.message,
      fix: "Re-run the job; if Studio is slow today, raise the 'request-timeout' input.",
    };
  }
  if (error instanceof StudioDeadlineError) {
    // Fatal: the time limit is for the whole run, so no later call could start either.
    return {
      fatal: true,
      message: error.message,
      fix: "Re-run the job (a deploy re-run writes only what is left), or raise the 'timeout' input.",
    };
  }
  if (error instanceof StudioUnconfirmedWriteError) {
    return {
      fatal: false,
      message: error.message,
      fix: "Look at the flow's revisions in the Studio Console, then re-run: a re-run writes only what is not live yet.",
    };
  }
  if (error instanceof StudioWriteNotAppliedError) {
    return {
      fatal: false,
      message: error.message,
      fix: "Check the 'studio-url' input and any proxy between the runner and Twilio, then re-run: nothing was changed in Studio.",
    };
  }
  if (error instanceof StudioBadAnswerError) {
    return {
      fatal: false,
      message: error.message,
      fix: "Check the 'studio-url' input (https://studio.twilio.com) and any proxy between the runner and Twilio, then re-run.",
    };
  }
  if (error instanceof StudioNetworkError) {
    return {
      fatal: false,
      message: error.message,
      fix: "Check the 'studio-url' input and the runner's network access to Twilio.",
    };
  }
  if (!(error instanceof StudioApiError)) {
    return {
      fatal: false,
      message: `Studio request failed: ${messageOf(error)}`,
      fix: 'Re-run the job; report it if it persists.',
    };
  }
  const code = error.code !== null ? ` (Twilio error ${error.code})` : ` (HTTP ${error.status})`;
  const more = error.moreInfo ? ` See ${error.moreInfo}` : '';
  if (error.code === 20003 || error.status === 401) {
    // Fatal: the run stops with this message alone, so it carries the fix too.
    return {
      fatal: true,
      message:
        `Twilio rejected the credentials${code}. The Auth Token or API key secret is wrong, expired (an Auth Token ` +
        'changes when it is rotated in the Console) or revoked, or the API key belongs to another account than ' +
        "'twilio-account-sid'. Fix: create an API key in the Twilio Console (Account → API keys & tokens) and store its " +
        "SID and secret in the repository secrets that feed 'twilio-api-key' and 'twilio-api-secret' (or store the " +
        `current Auth Token in the one that feeds 'twilio-auth-token'), then re-run the job.${more}`,
      fix: "Update the repository secrets that feed 'twilio-api-key' and 'twilio-api-secret' (or 'twilio-auth-token').",
    };
  }
  if (error.code === 20429 || error.status === 429) {
    return { fatal: false, message: `Twilio rate-limited the request${code}.`, fix: 'Re-run the job in a minute.' };
  }
  // Not Twilio's error JSON (an HTML page, an empty or plain-text body): something else answered.
  const notTwilio = error.code === null;
  if (error.status >= 500) {
    return {
      fatal: false,
      message: `Twilio Studio had a server error${code}: ${sentence(error.twilioMessage)}`,
      fix: notTwilio
        ? "Re-run the job; if it persists, check status.twilio.com, the 'studio-url' input and any proxy between the runner and Twilio."
        : 'Re-run the job; see status.twilio.com.',
    };
  }
  if (notTwilio) {
    return {
      fatal: false,
      message: `Twilio Studio refused the request${code}: ${sentence(error.twilioMessage)}`,
      fix: "Check that 'studio-url' is the Studio API (https://studio.twilio.com, not the Console) and that no proxy or firewall blocks the runner.",
    };
  }
  return {
    fatal: false,
    message: `Twilio Studio refused the request${code}: ${sentence(error.twilioMessage)}${more}`,
    fix: 'Correct the flow as the message says.',
  };
}
