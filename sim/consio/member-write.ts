import { z } from 'zod';
import { consioFunction } from './member-generator.ts';
import { consioFunctionNames, consioStatuses, departmentByNo, type ConsioMemberPatch } from './records.ts';

/**
 * Validates a `PATCH /api/v2/members/{actNo}` body, field by field, the way Consio's validators
 * answer: every problem listed under its field name. Like many vendors, some messages quote the
 * value they refused; the adapter must never copy them into anything it stores.
 */
export type WriteValidation = { ok: true; patch: ConsioMemberPatch } | { ok: false; errors: Record<string, string[]> };

const readOnlyFields = new Set(['actNo', 'ssn', 'dateOfBirth', 'gender', 'changedTime']);

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const maxFunctions = 20;

const FunctionRefs = z.array(z.object({ functionId: z.int() })).max(maxFunctions);
const DepartmentRef = z.object({ departmentNo: z.int() });

/** The field's part of the patch, or the problem with its value. */
type FieldWrite = { patch: ConsioMemberPatch } | { error: string };

function name(field: 'firstname' | 'surname'): (value: unknown) => FieldWrite {
  return (value) => {
    if (typeof value !== 'string' || value.trim() === '') return { error: 'Must be a non-empty string.' };
    if (value.length > 100) return { error: 'Must be at most 100 characters.' };
    return { patch: { [field]: value.trim() } };
  };
}

function memberStatus(value: unknown): FieldWrite {
  if (typeof value === 'string' && (consioStatuses as readonly string[]).includes(value)) return { patch: { memberStatus: value } };
  return { error: `Must be one of ${consioStatuses.join(', ')}.` };
}

function emailAddress(value: unknown): FieldWrite {
  if (value === null) return { patch: { emailAddress: null } };
  if (typeof value !== 'string' || value.length > 254 || !emailPattern.test(value)) {
    return { error: `'${String(value)}' is not a valid e-mail address.` };
  }
  return { patch: { emailAddress: value } };
}

function mobilePhone(value: unknown): FieldWrite {
  if (value === null) return { patch: { mobilePhone: null } };
  if (typeof value !== 'string' || !/^\+?\d{8,15}$/.test(value.replace(/\s/g, ''))) {
    return { error: `'${String(value)}' is not a valid phone number.` };
  }
  return { patch: { mobilePhone: value } };
}

function functions(value: unknown): FieldWrite {
  const parsed = FunctionRefs.safeParse(value);
  if (!parsed.success) return { error: `Must be a list of at most ${maxFunctions} { functionId } objects.` };
  const ids = [...new Set(parsed.data.map((ref) => ref.functionId))];
  const unknown = ids.filter((id) => consioFunctionNames[id] === undefined);
  if (unknown.length > 0) return { error: `Unknown functionId ${unknown.join(', ')}.` };
  return { patch: { functions: ids.map(consioFunction) } };
}

function department(value: unknown): FieldWrite {
  if (value === null) return { patch: { department: null } };
  const parsed = DepartmentRef.safeParse(value);
  if (!parsed.success) return { error: 'Must be { departmentNo } or null.' };
  const known = departmentByNo(parsed.data.departmentNo);
  // The department's name is the register's, whatever the client sent.
  return known === undefined ? { error: `Unknown departmentNo ${parsed.data.departmentNo}.` } : { patch: { department: { ...known } } };
}

const writableFields: Readonly<Record<string, (value: unknown) => FieldWrite>> = {
  firstname: name('firstname'),
  surname: name('surname'),
  memberStatus,
  emailAddress,
  mobilePhone,
  functions,
  department,
};

export function validateMemberWrite(body: Record<string, unknown>): WriteValidation {
  const errors: Record<string, string[]> = {};
  let patch: ConsioMemberPatch = {};
  for (const [field, value] of Object.entries(body)) {
    const validate = writableFields[field];
    if (validate === undefined) {
      errors[field] = [readOnlyFields.has(field) ? 'The field is read-only.' : 'Not a member field.'];
      continue;
    }
    const result = validate(value);
    if ('error' in result) errors[field] = [result.error];
    else patch = { ...patch, ...result.patch };
  }
  if (Object.keys(body).length === 0) errors[''] = ['The request changes nothing.'];
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, patch };
}
