import type { z } from 'zod';

/** One operation of the contract: what it accepts and what it answers, as zod schemas. */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export type Contract = Record<string, Operation>;

export function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Operation<I, O> {
  return { input, output };
}

export type InputOf<C extends Contract, K extends keyof C> = z.input<C[K]['input']>;
export type ParsedInputOf<C extends Contract, K extends keyof C> = z.output<C[K]['input']>;
export type OutputOf<C extends Contract, K extends keyof C> = z.output<C[K]['output']>;
