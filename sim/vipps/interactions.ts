import type { IncomingMessage, ServerResponse } from 'node:http';
import { SessionNotFound } from 'oidc-provider/lib/helpers/errors.js';
import type { InteractionDetails, Provider } from 'oidc-provider/lib/provider.js';
import { z } from 'zod';
import { readRequestBody, sendHtml } from './http-io.ts';
import { consentPage, errorPage, loginPage } from './pages.ts';
import type { InteractionAction } from './paths.ts';
import type { VippsSimStats } from './stats.ts';
import type { VippsUserDirectory } from './user-directory.ts';

/**
 * The simulator's own login pages, standing in for the Vipps app: the user gives a phone number,
 * then accepts or declines sharing what the client asked for. Each step finishes the interaction
 * through oidc-provider, which then redirects back to the authorization endpoint.
 */
export interface InteractionDeps {
  provider: Provider;
  users: VippsUserDirectory;
  stats(): VippsSimStats;
}

const formLimitBytes = 4096;

const LoginForm = z.object({ phoneNumber: z.string().trim().min(1).max(32) });
const AuthorizationParams = z.looseObject({ client_id: z.string(), scope: z.string().default('openid') });
const ConsentDetails = z.looseObject({
  missingOIDCScope: z.array(z.string()).optional(),
  missingOIDCClaims: z.array(z.string()).optional(),
});

const expiredMessage = 'This login has expired or belongs to another browser. Start again from the service you came from.';

export async function handleInteraction(
  deps: InteractionDeps,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: InteractionAction | null,
): Promise<void> {
  const allowed = action === null ? 'GET' : 'POST';
  if ((req.method ?? 'GET') !== allowed) return sendHtml(res, 405, errorPage('Method not allowed', `Use ${allowed}.`), { Allow: allowed });

  const details = await currentInteraction(deps.provider, req, res, uid);
  if (details === null) return sendHtml(res, 400, errorPage('Login expired', expiredMessage));

  switch (action) {
    case null:
      return showStep(res, details);
    case 'login':
      return submitPhoneNumber(deps, req, res, details);
    case 'confirm':
      return grantConsent(deps, req, res, details);
    case 'abort':
      deps.stats().refusedLogins++;
      return deps.provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user declined to log in.' },
        { mergeWithLastSubmission: false },
      );
  }
}

/** The interaction this browser's cookie names, provided it is the one in the path; null when expired or foreign. */
async function currentInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, uid: string): Promise<InteractionDetails | null> {
  try {
    const details = await provider.interactionDetails(req, res);
    return details.uid === uid ? details : null;
  } catch (error) {
    if (error instanceof SessionNotFound) return null;
    throw error;
  }
}

function showStep(res: ServerResponse, details: InteractionDetails): void {
  switch (details.prompt.name) {
    case 'login':
      return sendHtml(res, 200, loginPage({ uid: details.uid }));
    case 'consent': {
      const params = AuthorizationParams.safeParse(details.params);
      if (!params.success) return sendHtml(res, 400, errorPage('Login failed', expiredMessage));
      return sendHtml(res, 200, consentPage({ uid: details.uid, clientId: params.data.client_id, scopes: params.data.scope.split(' ') }));
    }
    default:
      return sendHtml(res, 400, errorPage('Login failed', 'The simulator cannot complete this step.'));
  }
}

async function submitPhoneNumber(deps: InteractionDeps, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  if (details.prompt.name !== 'login') return sendHtml(res, 400, errorPage('Login failed', 'This login is past the phone-number step.'));
  const body = await readForm(req, res);
  if (body === null) return;
  const form = LoginForm.safeParse(body);
  if (!form.success) return sendHtml(res, 400, loginPage({ uid: details.uid, error: 'Enter your phone number.' }));

  const account = deps.users.byPhoneNumber(form.data.phoneNumber);
  if (account === undefined) {
    return sendHtml(res, 400, loginPage({ uid: details.uid, phoneNumber: form.data.phoneNumber, error: 'No Vipps user has this phone number.' }));
  }
  if (deps.users.isUnder15(account)) {
    deps.stats().refusedLogins++;
    return deps.provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user is under 15, and Vipps Login is not available to users under 15.' },
      { mergeWithLastSubmission: false },
    );
  }
  return deps.provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
}

/** Grants everything the client asked for that is not granted yet (the consent prompt's details). */
async function grantConsent(deps: InteractionDeps, req: IncomingMessage, res: ServerResponse, details: InteractionDetails): Promise<void> {
  const params = AuthorizationParams.safeParse(details.params);
  const missing = ConsentDetails.safeParse(details.prompt.details);
  const accountId = details.session?.accountId;
  if (details.prompt.name !== 'consent' || !params.success || !missing.success || accountId === undefined) {
    return sendHtml(res, 400, errorPage('Login failed', 'This login is not at the consent step.'));
  }

  const existing = details.grantId === undefined ? undefined : await deps.provider.Grant.find(details.grantId);
  const grant = existing ?? new deps.provider.Grant({ accountId, clientId: params.data.client_id });
  const { missingOIDCScope, missingOIDCClaims } = missing.data;
  if (missingOIDCScope !== undefined) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims !== undefined) grant.addOIDCClaims(missingOIDCClaims);
  const grantId = await grant.save();
  return deps.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

/** The form's fields (the last of any repeated name), or null once a refusal has been sent. */
async function readForm(req: IncomingMessage, res: ServerResponse): Promise<Record<string, string> | null> {
  const body = await readRequestBody(req, formLimitBytes);
  if (body === null) {
    sendHtml(res, 413, errorPage('Form too large', `A form may be at most ${formLimitBytes} bytes.`));
    return null;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}
