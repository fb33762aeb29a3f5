import { api } from '../api.js';

// Changing one's password; an account created by someone else lands here first and can go nowhere else.
export function passwordPage(root, forced) {
  root.innerHTML = `
    <form id="password-form" class="card narrow">
      <h1>修改密码 <small>Change password</small></h1>
      ${forced ? '<p class="error">首次登录请先修改初始密码。</p>' : ''}
      <label>当前密码<input name="currentPassword" type="password" autocomplete="current-password" required></label>
      <label>新密码（至少 8 位）<input name="newPassword" type="password" autocomplete="new-password" minlength="8" required></label>
      <p id="password-error" class="error" role="alert"></p>
      <button type="submit" class="primary">保存</button>
    </form>`;
  const form = root.querySelector('#password-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api('/api/auth/password', { method: 'POST', body: Object.fromEntries(new FormData(form)) });
      window.dispatchEvent(new Event('vc:login'));
    } catch (e) {
      root.querySelector('#password-error').textContent = e.message;
    }
  });
}
