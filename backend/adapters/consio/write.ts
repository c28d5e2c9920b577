import type { MemberPatch } from '../../../shared/domain/member-patch.ts';
import { SourceError } from '../member-source.ts';
import { parseProblem } from './errors.ts';
import { roleFromConsioFunction, roleToConsioFunction, statusToConsio } from './vocabulary.ts';

/** The body of `PATCH /api/v2/members/{actNo}`: only the fields the patch changes, in Consio's words. */
export interface ConsioMemberWrite {
  memberStatus?: string;
  emailAddress?: string | null;
  mobilePhone?: string | null;
  functions?: { functionId: number }[];
  department?: { departmentNo: number } | null;
}

function departmentNo(unitId: string): number {
  if (!/^\d{1,9}$/.test(unitId)) {
    throw new SourceError(
      'source_rejected_write',
      `Consio numbers its departments, so the local chapter "${unitId.slice(0, 40)}" cannot be set there. Choose a chapter that exists in Consio.`,
      { actor: 'org_admin', retryable: false },
    );
  }
  return Number(unitId);
}

/**
 * Translates a patch. Consio replaces a member's whole function list, so `currentFunctionIds`
 * (what Consio holds now) keeps the functions we do not sync, such as a local auditor, which a
 * write of our roles alone would delete. A function someone adds in Consio between that read and
 * the write is still lost: the API as designed has no precondition (If-Match) to prevent it.
 */
export function consioMemberWrite(patch: MemberPatch, currentFunctionIds: readonly number[] = []): ConsioMemberWrite {
  const write: ConsioMemberWrite = {};
  if (patch.status !== undefined) write.memberStatus = statusToConsio[patch.status];
  if (patch.email !== undefined) write.emailAddress = patch.email;
  if (patch.phone !== undefined) write.mobilePhone = patch.phone;
  if (patch.affiliation !== undefined) {
    write.department = patch.affiliation === null ? null : { departmentNo: departmentNo(patch.affiliation.unitId) };
  }
  if (patch.roles !== undefined) {
    const unsynced = currentFunctionIds.filter((id) => !roleFromConsioFunction.has(id));
    const ids = new Set([...patch.roles.map((role) => roleToConsioFunction[role]), ...unsynced]);
    write.functions = [...ids].map((functionId) => ({ functionId }));
  }
  return write;
}

/** Consio's field names as a volunteer knows them; anything else is "another field". */
const fieldLabels: Readonly<Record<string, string>> = {
  memberStatus: 'membership status',
  emailAddress: 'e-mail address',
  mobilePhone: 'phone number',
  functions: 'roles',
  department: 'local chapter',
};

/**
 * Which of our fields Consio refused, from a validation problem's `errors` keys. Only the keys are
 * read: Consio's messages may quote the refused value, which must not end up in a stored error.
 */
export function refusedFields(body: unknown): string[] {
  const keys = Object.keys(parseProblem(body)?.errors ?? {});
  const labels = new Set<string>();
  for (const key of keys) {
    // ASP.NET-style keys: "emailAddress", "$.emailAddress", "functions[0].functionId".
    const field = /^(?:\$\.)?([A-Za-z]+)/.exec(key)?.[1] ?? '';
    labels.add(fieldLabels[field] ?? 'another field');
  }
  return [...labels];
}
