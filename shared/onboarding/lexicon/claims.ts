/**
 * Phrases by which a sentence claims that data was recorded, changed, deleted or completed
 * (`已記錄`, `已將產業別更新為…`, `記下來了`, `updated`). A model's sentence that says so is
 * never shown: only the server's own acknowledgement says what was stored.
 *
 * @module
 */

/** Any phrase claiming a change to the data. */
export const CHANGE_CLAIM_PATTERN: RegExp = new RegExp(
  [
    "已(?:經|经)?(?:記錄|紀錄|记录|登錄|登录|登記|登记|更新|修改|更改|變更|变更|刪除|删除|移除|新增|加入|儲存|储存|保存|存檔|存档|完成|設定|设定|填入|填寫|填写)",
    "已(?:經|经)?(?:幫您|帮您|幫你|帮你|為您|为您|替您|將|将|把)",
    "記下來了|记下来了|記下了|记下了|記錄下來|记录下来",
    "更新為|更新为|更新成|設定為|设定为|設為|设为|修改為|修改为|改為|改为",
    "幫您改|帮您改|幫你改|帮你改",
    "\\b(?:recorded|updated|deleted|saved|stored|removed|added|changed|noted)\\b",
  ].join("|"),
  "i",
);
