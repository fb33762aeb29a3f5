// A plan's next step, drawn under the plan: publish the notice (draft), record the assembly's
// vote (published), run the dividend (approved).
import { api, newIdempotencyKey } from '../api.js';
import { session } from '../session.js';

const base = () => `/api/villages/${session.villageId}`;
const today = () => new Date().toISOString().slice(0, 10);

function form(container, html, submit) {
  container.insertAdjacentHTML('beforeend', html);
  const element = container.lastElementChild;
  const error = element.querySelector('.error');
  element.addEventListener('submit', async event => {
    event.preventDefault();
    const button = element.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await submit(Object.fromEntries(new FormData(element)));
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
  });
}

export function publishForm(container, plan, reload) {
  form(container, `
    <form id="publish-form" class="card">
      <h2>公示 <small>Public notice</small></h2>
      <p class="muted">公示至少 10 天后方可召开成员（代表）大会表决（农村集体经济组织法第四十六条）。</p>
      <label>公示日期<input name="publishedOn" type="date" value="${today()}" required></label>
      <p class="error" role="alert"></p>
      <button class="primary" type="submit">发布公示</button>
    </form>`, async data => {
    await api(`${base()}/plans/${plan.id}/publish`, { method: 'POST', body: data });
    await reload();
  });
}

export function decisionForm(container, plan, reload) {
  form(container, `
    <form id="decision-form" class="card form-grid">
      <h2 class="wide">大会表决 <small>The assembly's vote</small></h2>
      <p class="muted wide">应到三分之二以上出席，且全体三分之二以上赞成方为通过；成员代表大会代表须在 20 名以上（第二十七、二十八条）。</p>
      <label>大会类型<select name="kind"><option value="representatives">成员代表大会</option><option value="members">成员大会</option></select></label>
      <label>大会日期<input name="date" type="date" required></label>
      <label>应到人数<input name="eligible" type="number" min="0" required></label>
      <label>实到人数<input name="present" type="number" min="0" required></label>
      <label>赞成<input name="votesFor" type="number" min="0" required></label>
      <label>反对<input name="votesAgainst" type="number" min="0" value="0"></label>
      <label>弃权<input name="abstaining" type="number" min="0" value="0"></label>
      <p class="error wide" role="alert"></p>
      <button class="primary" type="submit">记录表决结果</button>
    </form>`, async data => {
    await api(`${base()}/plans/${plan.id}/decision`, { method: 'POST', body: data });
    await reload();
  });
}

export function runButton(container, plan, run) {
  if (run) {
    container.insertAdjacentHTML('beforeend', `<p class="actions"><a class="button primary" id="open-run" href="#/runs/${run.id}">查看发放清单</a></p>`);
    return;
  }
  container.insertAdjacentHTML('beforeend', `
    <p class="actions"><button class="primary" id="start-run">运行分红 Run the dividend</button></p>
    <p id="run-error" class="error" role="alert"></p>`);
  const start = container.querySelector('#start-run');
  const key = newIdempotencyKey(); // one key for this page: a double click or a retry starts one run
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const created = await api(`${base()}/dividend-runs`, {
        method: 'POST', body: { year: plan.year, planVersion: plan.version }, headers: { 'Idempotency-Key': key },
      });
      location.hash = `#/runs/${created.id}`;
    } catch (e) {
      container.querySelector('#run-error').textContent = e.message;
      start.disabled = false;
    }
  });
}
