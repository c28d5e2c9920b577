/** The simulator's few HTML pages: just enough for a person or a scripted browser to log in. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, step: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main data-step="${escapeHtml(step)}">
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
}

export interface LoginPageInput {
  uid: string;
  /** What the user typed before, shown again beside the error. */
  phoneNumber?: string;
  error?: string;
}

export function loginPage({ uid, phoneNumber = '', error }: LoginPageInput): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  return page(
    'Log in with Vipps (simulator)',
    'login',
    `${error === undefined ? '' : `<p role="alert">${escapeHtml(error)}</p>\n`}<form method="post" action="${escapeHtml(action)}/login">
<label>Phone number <input name="phoneNumber" type="tel" autocomplete="tel" value="${escapeHtml(phoneNumber)}" required></label>
<button type="submit">Next</button>
</form>
<form method="post" action="${escapeHtml(action)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

export interface ConsentPageInput {
  uid: string;
  clientId: string;
  scopes: readonly string[];
}

export function consentPage({ uid, clientId, scopes }: ConsentPageInput): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const items = scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('');
  return page(
    'Share your information (simulator)',
    'consent',
    `<p><strong>${escapeHtml(clientId)}</strong> asks for:</p>
<ul>${items}</ul>
<form method="post" action="${escapeHtml(action)}/confirm"><button type="submit">Accept</button></form>
<form method="post" action="${escapeHtml(action)}/abort"><button type="submit">Decline</button></form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(title, 'error', `<p>${escapeHtml(message)}</p>`);
}
