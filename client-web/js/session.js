// Who is logged in; filled by app.js from /api/auth/me.
export const session = { me: null };
