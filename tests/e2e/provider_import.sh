#!/bin/bash
# wanchuang-admin import providers: the roster of providers admitted
# before the platform, as a GB18030 spreadsheet with its columns in the
# office's own order and words (有限责任公司, 创业培训, 财税服务, landlines
# with their area codes), and rows each wrong in its own way. Without
# --partial nothing changes; with it the good rows become active
# providers with their categories, and every rejected row is named by its
# line in Chinese. A code in the onboarding pipeline is refused.
. "$top_srcdir/tests/e2e/lib.sh"
need_db

a=$(valid_code 340102) b=$(valid_code 341524) c=$(valid_code 340104) d=$(valid_code 340104)
e=$(valid_code 340104) f=$(valid_code 340104) g=$(valid_code 340111)
# (its last character wrong, and never 0: a code ending in 000 reads as
# one a spreadsheet cut to 15 digits, a different message)
bad=${c:0:17}$([ "${c:17}" = 1 ] && echo 2 || echo 1)
tag=$(uniq)
# a code already on its way through onboarding
contact=$(valid_id 340104 $(random_birth))
clerk=$(staff_add counter 340104 何敏 'Shushan-2026-import')
sql "INSERT INTO wc.provider_application (no, credit_code, name, kind, region, address, legal_rep,
     contact_name, contact_id_enc, contact_id_masked, phone, categories, cond_credit, cond_rules,
     cond_resources, cond_other, staff_id, request_key)
     SELECT 'RZ$tag', '$f', '在途机构$tag', 'enterprise', '340104', '蜀山区', '钱', '钱', '\\x00',
     '340104***********0', '13800000000', '{tax}', true, true, true, true, id, gen_random_uuid()
     FROM wc.staff WHERE username = '$clerk'" >/dev/null

csv="$E2E_DIR/providers.csv"
{
	printf '序号,机构名称,统一社会信用代码,主体类型,所在地区,法定代表人,联系人,联系电话,服务类别\r\n'
	printf '1,合肥瑶海创业服务有限公司%s,%s,有限责任公司（自然人独资）,瑶海区,刘洋,陈晨,0551-64321234,"创业培训、创业指导"\r\n' "$tag" "$a"
	printf '2,"金寨县大别山创业孵化基地%s",%s,民办非企业单位,六安市金寨县,方华,方华,(0564)7712345,"场地服务，融资服务"\r\n' "$tag" "${b,,}"
	printf '3,坏代码公司%s,%s,有限责任公司,蜀山区,王,王,13900001111,财税\r\n' "$tag" "$bad"
	printf '4,未知类别公司%s,%s,有限责任公司,蜀山区,王,王,13900001111,财税、跨境电商\r\n' "$tag" "$d"
	printf '5,坏电话公司%s,%s,股份有限公司,蜀山区,王,王,6512345,法律服务\r\n' "$tag" "$e"
	printf '6,在途机构二%s,%s,有限责任公司,蜀山区,钱,钱,13900002222,财税服务\r\n' "$tag" "$f"
	printf '7,包河区创业者协会%s,%s,社会团体,安徽省合肥市 包河区,赵敏,赵敏,"0551-63456789转802／13955509876","财税代理、企业管理咨询"\r\n' "$tag" "$g"
} | iconv -f UTF-8 -t GB18030 >"$csv"

ours="SELECT count(*) FROM wc.provider WHERE credit_code IN ('$a', '$b')"
admin_zh import providers "$csv"
[ $rc -eq 1 ] || fail "rejected rows but exit $rc"
echo "$out" | grep -q "第 4 行：.*校验" || fail "the bad credit code is not reported on line 4: $out"
echo "$out" | grep -q "第 5 行：未知的服务类别（跨境电商）" || fail "the unknown category is not named on line 5: $out"
echo "$out" | grep -q "第 6 行：联系电话既不是手机号码" || fail "the bad telephone is not reported on line 6: $out"
echo "$out" | grep -q "未导入任何数据" || fail "no word that nothing was imported"
[ "$(sql "$ours")" = 0 ] || fail "rows were imported although some were rejected"
pass "rejected rows: nothing imported, each named by its line and reason"

admin_zh import providers "$csv" --encoding gb18030 --partial
echo "$out" | grep -q "第 7 行：该机构已有正在办理的入驻申请" || fail "the code in the pipeline is not refused on line 7: $out"
echo "$out" | grep -q "已导入 3 条，拒绝 4 条" || fail "partial import summary: $out"
[ "$(sql "SELECT p.status || '/' || p.kind || '/' || p.region || '/' || p.phone || '/' ||
      (SELECT string_agg(category, ',' ORDER BY category) FROM wc.provider_category c WHERE c.provider_id = p.id)
      FROM wc.provider p WHERE p.credit_code = '$a'")" = "active/enterprise/340102/0551-64321234/guidance,training" ] ||
	fail "the first provider is not stored as written"
[ "$(sql "SELECT p.kind || '/' || p.region || '/' || p.phone || '/' ||
      (SELECT string_agg(category, ',' ORDER BY category) FROM wc.provider_category c WHERE c.provider_id = p.id)
      FROM wc.provider p WHERE p.credit_code = '$b'")" = "social_organisation/341524/0564-7712345/financing,venue" ] ||
	fail "the second provider (lower-case code, city and county, bracketed area code) is not stored as written"
[ "$(sql "SELECT p.kind || '/' || p.region || '/' || p.phone || '/' ||
      (SELECT string_agg(category, ',' ORDER BY category) FROM wc.provider_category c WHERE c.provider_id = p.id)
      FROM wc.provider p WHERE p.credit_code = '$g'")" = "social_organisation/340111/0551-63456789转802/consulting,tax" ] ||
	fail "the third provider (province and blank in the region, two telephones with an extension, longer category names) is not stored as written"
pass "--partial: the good rows are active providers, kinds, regions, telephones and categories resolved"

admin_zh import providers "$csv" --partial
echo "$out" | grep -q "第 2 行：该机构已是服务商。" || fail "a second import does not say 已是服务商: $out"
pass "importing again adds no provider twice"

# The roster's providers get their staff accounts, each linked as it is made.
admin_zh staff add "p$(uniq)" --role provider --region 340102 --name 刘洋 --provider "$a" <<<'Yaohai-2026-prov'
[ $rc -eq 0 ] || fail "a provider's account could not be made: $out"
[ "$(sql "SELECT count(*) FROM wc.provider_staff ps JOIN wc.provider p ON p.id = ps.provider_id WHERE p.credit_code = '$a'")" = 1 ] ||
	fail "the account does not act for its provider"
admin_zh staff add "p$(uniq)" --role provider --region 340104 --name 王 --provider "$bad" <<<'Shushan-2026-prov'
[ $rc -ne 0 ] || fail "an account was made for a provider that does not exist"
admin_zh staff add "p$(uniq)" --role provider --region 340104 --name 王 <<<'Shushan-2026-prov'
[ $rc -eq 2 ] && echo "$out" | grep -q "role provider" || fail "a provider's account without its provider: $out"
pass "a provider's account is made with its link, never without"
