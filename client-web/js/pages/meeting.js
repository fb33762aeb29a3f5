// The cashier's page at a meeting table (发放现场), for a tablet held in one hand: find a household (number, head's name,
// pinyin initials such as "wjg", or the last digits of an ID number), then one big button per way of paying. Each
// action carries its own Idempotency-Key, made when its form opens, so a double tap or a retry marks once.
import { api, ApiError, newIdempotencyKey } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';
import { describeMark, followBoard, meetingLabels, meetingUrl, setTableNo, statusLabels, tableNo, whenLeft } from '../dividendDay.js';

const maxShown = 20;

export async function meetingPage(root, runId) {
  const url = meetingUrl(runId);
  const isAccountant = session.me.role === 'accountant';
  const [run, board] = await Promise.all([api(`/api/villages/${session.villageId}/dividend-runs/${runId}`), api(`${url}/board`)]);
  root.innerHTML = `
    <div class="meeting-head">
      <h1>${run.year} 年度分红发放现场</h1>
      <label class="table-no">桌号 <input id="table-no" type="number" min="1" max="99" inputmode="numeric" value="${tableNo()}"></label>
    </div>
    <p class="meeting-progress" id="meeting-progress"></p>
    <div class="toolbar no-print" id="meeting-actions">
      <a class="button" href="#/runs/${runId}/board">大屏</a>
      <a class="button" href="#/runs/${runId}">打印清单</a>
      ${isAccountant ? `<a class="button" href="#/runs/${runId}/closing">结账 / 结束大会</a>
        <button id="meeting-open" class="primary" hidden>开始分红大会</button>` : ''}
    </div>
    <input id="meeting-search" class="big-search" type="search" autocomplete="off" enterkeyhint="search"
      placeholder="户号 / 户主姓名 / 拼音首字母 / 身份证后几位" aria-label="查找农户">
    <div id="meeting-results" class="results"></div>`;

  const progress = root.querySelector('#meeting-progress');
  const drawProgress = b => {
    progress.innerHTML = `大会<strong id="meeting-status">${meetingLabels[b.meetingStatus]}</strong> · 已发放
      <strong id="meeting-paid">${b.householdsPaid} / ${b.householdsTotal}</strong> 户 · <strong>${yuan(b.amountPaid)}</strong> / ${yuan(b.amountTotal)} 元`;
    const open = root.querySelector('#meeting-open');
    if (open) open.hidden = b.meetingStatus !== 'not_opened';
  };
  drawProgress(board);
  root.querySelector('#table-no').addEventListener('change', e => setTableNo(Math.max(1, Number(e.target.value) || 1)));
  root.querySelector('#meeting-open')?.addEventListener('click', async () => {
    await api(`${url}/open`, { method: 'POST' });
    drawProgress(await api(`${url}/board`));
    await search();
  });

  const results = root.querySelector('#meeting-results');
  const searchBox = root.querySelector('#meeting-search');
  let busy = false; // no redraw while a form is open under the cashier's finger
  // No redraw (for another table's mark, or a search still in flight) while this cashier has a card's form open or is
  // opening one; typing in the search box ends that.
  const search = async () => {
    if (busy) return;
    const term = searchBox.value.trim();
    if (!term) {
      results.innerHTML = '<p class="muted">输入户号、户主姓名、拼音首字母（如 wjg）或身份证号后4位以上。</p>';
      return;
    }
    const lines = await api(`${url}/lines?search=${encodeURIComponent(term)}`);
    if (searchBox.value.trim() !== term || busy) return;
    results.innerHTML = lines.length ? '' : '<p class="muted">没有找到。</p>';
    for (const line of lines.slice(0, maxShown)) results.append(lineCard(line));
    if (lines.length > maxShown) results.insertAdjacentHTML('beforeend', `<p class="muted">还有 ${lines.length - maxShown} 户，请输入更多。</p>`);
  };

  const lineCard = line => {
    const card = document.createElement('article');
    card.className = `line-card status-${line.status}`;
    card.dataset.household = line.householdNumber;
    const last = line.last;
    card.innerHTML = `
      <header><span class="household">${line.householdNumber} 号户</span> <strong class="head">${escapeHtml(line.headName)}</strong>
        <span class="status-badge">${statusLabels[line.status]}</span></header>
      <p class="amount"><strong>${yuan(line.amount)}</strong> 元 <span class="words">${escapeHtml(line.amountInWords)}</span></p>
      <p class="muted">${line.memberCount} 人 · ${escapeHtml(line.shares)} 股${last && line.status !== 'pending'
        ? ` · ${describeMark(last)}`
        : ''}</p>
      <div class="actions"></div>
      <div class="form"></div>
      <p class="error" role="alert"></p>`;
    const actions = card.querySelector('.actions');
    const form = card.querySelector('.form');
    const error = card.querySelector('.error');
    const button = (label, cls, onClick) => {
      const b = document.createElement('button');
      b.className = `big ${cls}`;
      b.textContent = label;
      b.addEventListener('click', async () => {
        busy = true;
        try {
          await onClick();
        } catch (e) {
          busy = false;
          error.textContent = e instanceof ApiError ? e.message : String(e);
        }
      });
      actions.append(b);
    };
    const submit = async (send, confirm) => {
      confirm.disabled = true;
      error.textContent = '';
      try {
        await send();
        busy = false;
        await search();
      } catch (e) {
        confirm.disabled = false;
        error.textContent = e instanceof ApiError ? e.message : String(e);
      }
    };
    const openForm = (html, makeBody, confirmLabel, path = 'mark') => {
      busy = true;
      const key = newIdempotencyKey();
      form.innerHTML = `${html}<div class="actions"><button class="big primary confirm">${confirmLabel}</button><button class="big cancel">取消</button></div>`;
      form.querySelector('.cancel').addEventListener('click', () => { busy = false; form.innerHTML = ''; });
      const confirm = form.querySelector('.confirm');
      confirm.addEventListener('click', () => submit(() => api(`${url}/lines/${line.lineNo}/${path}`, {
        method: 'POST', body: makeBody(form), headers: path === 'mark' ? { 'Idempotency-Key': key } : {},
      }), confirm));
      form.querySelector('input, select')?.focus();
    };
    const value = (f, name) => f.querySelector(`[name="${name}"]`)?.value ?? '';

    if (line.status === 'pending') {
      button('本户领取', 'primary', async () => {
        const household = await api(`/api/villages/${session.villageId}/households/${line.householdNumber}`);
        openForm(`
          <fieldset class="people"><legend>领款人（户主或本户成年人）</legend>
            ${household.members.map((m, i) => `<label class="person"><input type="radio" name="person" value="${i}" ${i === 0 ? 'checked' : ''}>
              ${escapeHtml(m.name)}（${escapeHtml(m.relation)}） <span class="muted mono">${escapeHtml(m.residentIdMasked)}</span></label>`).join('')}
          </fieldset>
          <label>核对身份证号（输入证件上的完整号码）<input name="recipientId" autocomplete="off" inputmode="text" maxlength="18"></label>`,
        f => {
          const person = household.members[Number(f.querySelector('[name="person"]:checked')?.value ?? 0)];
          return { tableNo: tableNo(), status: 'paid_in_cash', recipientName: person.name, relation: person.relation, recipientId: value(f, 'recipientId') };
        }, '确认已领');
      });
      button('代领', '', () => openForm(`
        <label>代领人姓名<input name="recipientName" autocomplete="off"></label>
        <label>与本户关系<input name="relation" autocomplete="off" placeholder="如 亲戚、邻居"></label>
        <label>代领人身份证号<input name="recipientId" autocomplete="off" maxlength="18"></label>`,
        f => ({ tableNo: tableNo(), status: 'collected_by_proxy', recipientName: value(f, 'recipientName'), relation: value(f, 'relation'), recipientId: value(f, 'recipientId') }),
        '确认代领'));
      button('转账', '', () => openForm(`<label>银行批次号<input name="batchReference" autocomplete="off"></label>`,
        f => ({ tableNo: tableNo(), status: 'transferred_to_bank', batchReference: value(f, 'batchReference') }), '确认转账'));
      button('暂缓', '', () => openForm(`<label>暂缓原因<input name="reason" autocomplete="off" value="本人未到场"></label>`,
        f => ({ tableNo: tableNo(), status: 'deferred', reason: value(f, 'reason') }), '确认暂缓'));
    } else if (last) {
      button('撤销', 'undo', () => openForm(`<label>撤销原因（必填）<input name="reason" autocomplete="off"></label>`,
        f => ({ eventId: last.id, tableNo: tableNo(), reason: value(f, 'reason') }), '确认撤销', 'undo'));
    }
    return card;
  };

  let timer;
  searchBox.addEventListener('input', () => { busy = false; clearTimeout(timer); timer = setTimeout(search, 150); });
  whenLeft(root, followBoard(runId, b => {
    drawProgress(b);
    search(); // another table's marks show here too
  }));
  await search();
  searchBox.focus();
}
