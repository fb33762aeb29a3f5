// Who is logged in (filled by app.js from /api/auth/me) and which village the pages show: the account's own,
// or, for an overseer, the one chosen from the list of villages in scope (kept for this browser tab).
export const session = {
  me: null,
  get villageId() {
    return this.me?.villageId ?? (Number(sessionStorage.getItem('vc.village')) || null);
  },
  chooseVillage(id) {
    sessionStorage.setItem('vc.village', String(id));
  },
  /** True when the account is the accountant of the village shown: the only one who changes it. */
  get canWrite() {
    return (this.me?.grants ?? []).some(g => g.role === 'accountant' && g.villageId === this.villageId);
  },
  get oversees() {
    return (this.me?.grants ?? []).some(g => g.role === 'township_overseer' || g.role === 'county_admin');
  },
};

/** The roles' Chinese names (silo/Api/Scopes.cs Roles). */
export const roleNames = { accountant: '村会计', cashier: '出纳', township_overseer: '乡镇农经站', county_admin: '县管理员' };
