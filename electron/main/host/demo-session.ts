import type { Router } from '../../../backend/rpc/router.ts';
import type { BackendContext } from '../../../backend/handlers/context.ts';
import type { Operations } from '../../../shared/contract/operations.ts';
import type { Session, SignedInAdmin } from '../../../shared/contract/schemas.ts';
import { AppError } from '../../../shared/domain/errors.ts';
import type { Caller } from '../../../backend/db/port.ts';
import { listAdmins } from './admin-directory.ts';

/**
 * Who is signed in, in embedded demo mode: one of the seeded admins, the global admin first.
 * Switching identity is the demo's way to show scoping; it does not exist in remote mode,
 * where the admin's own Supabase session decides.
 */
export class DemoSession {
  #admins: SignedInAdmin[];
  #current: SignedInAdmin;

  constructor(admins: SignedInAdmin[]) {
    const first = admins.find((admin) => admin.isGlobal) ?? admins[0];
    if (!first) throw new Error('The demo has no admins to sign in as');
    this.#admins = admins;
    this.#current = first;
  }

  caller(): Caller {
    return { kind: 'user', userId: this.#current.userId, email: this.#current.email };
  }

  view(): Session {
    return { mode: 'embedded-demo', admin: this.#current, demoIdentities: this.#admins };
  }

  /** The admin accounts as they are now: onboarding gives admins new organizations. */
  refresh(admins: SignedInAdmin[]): void {
    this.#admins = admins;
    this.#current = admins.find((admin) => admin.userId === this.#current.userId) ?? this.#current;
  }

  actAs(userId: string): Session {
    const admin = this.#admins.find((candidate) => candidate.userId === userId);
    if (!admin) throw new AppError('not_found', 'There is no demo admin with that id.', 'operator');
    this.#current = admin;
    return this.view();
  }
}

export function registerDemoSessionHandlers(router: Router<Operations, BackendContext>, session: DemoSession): void {
  router.register('session.get', async (_input, { db }) => {
    session.refresh(await listAdmins(db));
    return session.view();
  });
  router.register('session.actAs', async ({ userId }) => session.actAs(userId));
}
