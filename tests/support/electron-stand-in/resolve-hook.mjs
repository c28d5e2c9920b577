// The module resolve hook behind register.mjs: `electron` resolves to the stand-in.
let standIn;

export function initialize(data) {
  standIn = data.standIn;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, format: 'commonjs', shortCircuit: true };
  return nextResolve(specifier, context);
}
