// Import a register file (.xlsx or CSV) with its error report, download the template, export the register as of a date.
import { sessionCsrfToken } from '../api.js';
import { escapeHtml, today } from '../format.js';
import { session } from '../session.js';

export async function registerFilesPage(root) {
  const base = `/api/villages/${session.villageId}/register`;
  root.innerHTML = `
    <h1>台账导入导出 <small>Import and export</small></h1>
    <section class="card">
      <h2>导出股权台账 <small>Export as of a date</small></h2>
      <label>截至日期 <input id="export-date" type="date" value="${today()}"></label>
      <p><a class="button" id="export-xlsx" href="#">导出 Excel (.xlsx)</a> <a class="button" id="export-csv" href="#">导出 CSV</a>
      <span class="muted">身份证号已隐藏中间8位。</span></p>
    </section>
    <section class="card">
      <h2>导入股权台账 <small>Import (all or nothing)</small></h2>
      <p>下载模板：<a href="${base}/template.xlsx" id="template-xlsx">股权台账模板.xlsx</a>（含填写说明） · <a href="${base}/template.csv">CSV</a>。
      CSV 可为 UTF-8 或 GB18030（中文 Excel 默认）编码，系统自动识别。文件有任何错误时不导入任何数据，并列出每处错误。</p>
      <form id="import-form">
        <label>文件 <input id="import-file" name="file" type="file" accept=".xlsx,.csv,text/csv" required></label>
        <label>折股量化日期 <input name="effectiveOn" type="date" required></label>
        <button class="primary" type="submit">导入</button>
        <progress id="import-progress" max="100" value="0" hidden></progress> <span id="import-status" role="status"></span>
      </form>
      <div id="import-errors"></div>
    </section>`;
  const date = root.querySelector('#export-date');
  const links = () => {
    root.querySelector('#export-xlsx').href = `${base}/export.xlsx?asOf=${date.value}`;
    root.querySelector('#export-csv').href = `${base}/export.csv?asOf=${date.value}`;
  };
  date.addEventListener('change', links);
  links();

  const form = root.querySelector('#import-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const file = root.querySelector('#import-file').files[0];
    const progress = root.querySelector('#import-progress');
    const status = root.querySelector('#import-status');
    const report = root.querySelector('#import-errors');
    report.innerHTML = '';
    progress.hidden = false;
    progress.removeAttribute('value');
    // XMLHttpRequest rather than fetch: it reports upload progress for large files.
    const request = new XMLHttpRequest();
    const token = await sessionCsrfToken();
    request.open('POST', `${base}/import?effectiveOn=${new FormData(form).get('effectiveOn')}&fileName=${encodeURIComponent(file.name)}`);
    request.setRequestHeader('X-CSRF-Token', token);
    request.upload.onprogress = e => { if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); status.textContent = `上传 ${progress.value}%`; } };
    request.upload.onload = () => { progress.removeAttribute('value'); status.textContent = '正在校验并导入…'; };
    request.onload = () => {
      progress.hidden = true;
      const body = JSON.parse(request.responseText || '{}');
      if (request.status === 200) {
        status.textContent = `已导入 ${body.households} 户、${body.members} 人、${body.shares} 股（${body.format}${body.encoding ? `，${body.encoding}` : ''}）`;
      } else {
        status.textContent = body.detail ?? `错误 ${request.status}`;
        report.innerHTML = body.errors ? `
          <table class="grid" id="import-error-table"><thead><tr><th class="num">行</th><th>列</th><th>规则</th><th>说明</th></tr></thead>
          <tbody>${body.errors.map(e => `<tr><td class="num">${e.row}</td><td>${escapeHtml(e.column)}</td><td class="mono">${escapeHtml(e.rule)}</td><td>${escapeHtml(e.message)}</td></tr>`).join('')}</tbody></table>` : '';
      }
    };
    request.onerror = () => { progress.hidden = true; status.textContent = '网络错误，未导入'; };
    request.send(file);
  });
}
