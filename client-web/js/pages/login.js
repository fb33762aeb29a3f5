import { api } from '../api.js';
import { escapeHtml } from '../format.js';

export function loginPage(root) {
  root.innerHTML = `
    <form id="login-form" class="card narrow">
      <h1>登录 <small>Log in</small></h1>
      <label>用户名 <small>Login</small><input name="login" autocomplete="username" required autofocus></label>
      <label>密码 <small>Password</small><input name="password" type="password" autocomplete="current-password" required></label>
      <p id="login-error" class="error" role="alert"></p>
      <button type="submit" class="primary">登录</button>
    </form>`;
  const form = root.querySelector('#login-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await api('/api/auth/login', { method: 'POST', body: { login: data.get('login'), password: data.get('password') } });
      window.dispatchEvent(new Event('vc:login'));
    } catch (e) {
      root.querySelector('#login-error').innerHTML = escapeHtml(e.message);
    }
  });
}
