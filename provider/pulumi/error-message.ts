// The realm-safe reading of errors lives in twilio/error-parts.ts; callers across the package
// import `messageOf` from here.
export { messageOf } from "../twilio/error-parts";
