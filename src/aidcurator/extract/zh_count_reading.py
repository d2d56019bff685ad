"""Reading a count in Chinese: a number, its classifier and the counted noun (``58个项目``,
``12万人``, ``援藏项目共34个``)."""

from __future__ import annotations

from aidcurator.domain import Mention
from aidcurator.extract.number_forms import number_forms
from aidcurator.extract.quantity_text import Number, QuantityText
from aidcurator.extract.quantity_words import longest_zh_noun


class ZhCountReader(QuantityText):
    """Reads what a number before a Chinese classifier or noun counts."""

    def read_zh_count(self, number: Number) -> Mention | None:
        """The count ``number`` makes with a Chinese classifier or noun after it, or None."""
        rules = self.rules
        pos = number.end
        classifier = self.match_word_at(pos, rules.zh_classifiers, simple=True)
        direct = self.match_word_at(pos, rules.zh_direct_nouns, simple=True)
        if direct is not None and (classifier is None or len(direct) > len(classifier)):  # 5万多人口
            return self.count_mention(number, pos + len(direct), rules.zh_nouns.get(direct, "people"))
        if classifier is None:
            return None
        after_classifier = pos + len(classifier)
        what = rules.zh_classifier_nouns.get(classifier)
        if what == "people" and self.match_word_at(
            after_classifier, rules.zh_not_count_after_people, simple=True
        ):
            return None  # 六人帐篷: the size of a tent, not people
        modifier = self.match_word_at(after_classifier, rules.zh_jurisdiction_modifiers, simple=True)
        jurisdiction = self.match_word_at(
            after_classifier + len(modifier or ""), rules.jurisdictions_zh, simple=True
        )
        if jurisdiction and modifier:  # 19个援疆省市: still a count of jurisdictions
            return None
        if jurisdiction and self.match_word_at(
            after_classifier + len(modifier or "") + len(jurisdiction), rules.zh_noun_linkers, simple=True
        ):
            jurisdiction = None  # 60个县级以上园区: the jurisdiction word is a modifier
        noun_end, noun_what = self.find_zh_noun(after_classifier, what)
        if noun_what == "":  # 17户国有企业, 7452个村: not counted (but 20名担任贫困村书记: people)
            if what != "people":
                return None
            noun_what = None
        if jurisdiction and (
            noun_what is None
            or not 0 < noun_end - after_classifier - len(jurisdiction) <= rules.zh_jurisdiction_noun_reach
        ):
            return None  # 19个省市, 8个省区市合力兴建的工业园区 — but 80名乡村医生 is a count of doctors
        end = after_classifier
        if noun_what is not None and (
            what is None or noun_what in rules.zh_classifier_noun_classes.get(what, ())
        ):
            end = noun_end  # but 解决2.67万人住房问题, 1869户住房建设项目: people and households, not housing
            what = what or noun_what
        elif not jurisdiction and what is None:  # 实施援疆项目73个, 中小学1000所: the noun comes first
            before = self.noun_before(number.start)
            what = before[1] if before is not None else self.elliptic_what(number.start, classifier)
        if not what or self.named_in_quotes(number.start, end):
            return None
        if what == "projects" and self.signed_before(number.start):
            return None  # 签订…6项合作项目: agreements signed, not aid projects
        self.last_count = (end, classifier, what)
        return self.count_mention(number, end, what)

    def noun_before(self, start: int) -> tuple[str, str] | None:
        """The count noun written right before a number (``援藏项目共34个``, ``援藏项目累计达3800多个``: up to
        two bridge words)."""
        rules = self.rules
        text = self.simple
        if start > 1 and text[start - 1] in number_forms().gap_spaces:
            start -= 1  # 援建项目 34 个: a number written with gap spaces
        if start > 1 and text[start - 1] in ")）":  # 卫生院(所)303个: an alternative classifier in brackets
            opening = max(
                text.rfind("(", max(0, start - 5), start), text.rfind("（", max(0, start - 5), start)
            )
            start = opening if opening >= 0 else start
        cuts = [start]
        for _ in range(2):
            bridge = self.word_before(cuts[-1], rules.zh_noun_first_bridges, simple=True)
            if not bridge:
                break
            cuts.append(cuts[-1] - len(bridge))
        for cut in cuts:
            for length in (6, 5, 4, 3, 2):
                word = text[max(0, cut - length) : cut]
                if len(word) == length and word in rules.zh_nouns:
                    return word, rules.zh_nouns[word]
        return None

    def elliptic_what(self, start: int, classifier: str) -> str | None:
        """``计划新建项目1022个，已开工943个``: a bare count after a bridge verb counts what the last count
        with the same classifier, a little earlier, counted."""
        last = self.last_count
        if last is None or last[1] != classifier or start - last[0] > self.rules.zh_elliptic_window:
            return None
        if start > 1 and self.text[start - 1] in number_forms().gap_spaces:
            start -= 1
        if not self.word_before(start, self.rules.zh_noun_first_bridges, simple=True):
            return None
        return last[2]

    def named_in_quotes(self, start: int, end: int) -> bool:
        """``“百所学校”``, ``‘十项工程’``: a programme's name, not a count."""
        text = self.text
        return start > 0 and end < len(text) and text[start - 1] in '“「『‘"' and text[end] in '”」』’"'

    def signed_before(self, start: int) -> bool:
        """Whether the count's clause has a signing verb before it (``签订…合作项目50余个``)."""
        text = self.simple
        lo = max(0, start - 40)
        cut = max(text.rfind(mark, lo, start) for mark in "，。；！？,;\n")
        clause = text[max(lo, cut + 1) : start]
        return any(cue in clause for cue in self.rules.zh_signed_cues)

    def find_zh_noun(
        self,
        pos: int,
        want: str | None = None,
        *,
        hop: bool = True,
        hops: int | None = None,
        listing: bool = False,
    ) -> tuple[int, str | None]:
        """End and class of the counted noun after a classifier (class ``""``: a noun that is not counted).

        With ``want`` (the classifier's own class), the phrase ends on its last noun of that class
        (``690名大学生|项目``, ``300名小学老师``); one conjunction may join a second noun of the same class
        (``300名老师和校长``) or lead to the first noun (``38个道路和灌溉项目``); that second noun phrase
        may list modifiers with 、 (``400名干部和教育、卫生技术人员``). A wanted noun may come after up to
        ``zh_modifier_hops`` modifiers ending in 的 (``86名家里困难的高中生``), or after a noun of
        another class (``64名家庭困难学生``)."""
        rules = self.rules
        text = self.simple
        hops = rules.zh_modifier_hops if hops is None else hops
        limit = min(len(text), pos + (rules.zh_conjunct_gap if listing else rules.zh_noun_gap))
        stops = rules.zh_gap_stop_chars - rules.zh_enumeration_marks if listing else rules.zh_gap_stop_chars
        stop = pos
        while stop < limit and text[stop] not in stops and not text[stop].isdigit():
            stop += 1
        nouns = rules.zh_nouns
        longest = longest_zh_noun()
        best_end, best_what = pos, None
        kept: int | None = None  # end of the last noun of the wanted class
        phrase: tuple[int, str | None] | None = None  # the phrase ended before a wanted noun
        i = pos
        while i < stop:
            # (the lengths of the nouns starting with this character, longest first; none: the else below)
            for length in range(min(longest.get(text[i], 0), stop - i), 0, -1):
                end = i + length
                if text[i:end] in nouns:
                    best_end, best_what = end, nouns[text[i:end]]
                    if want is not None and best_what == want:
                        kept = end
                    i = end
                    break
            else:
                linker = self.match_word_at(i, rules.zh_noun_linkers, simple=True) if best_end == i else None
                if linker:  # 村级卫生室: a noun used as a modifier
                    i += len(linker)
                    continue
                if best_what is not None and (want is None or kept is not None):
                    break  # the noun phrase ended: 735户农牧民|领到住房
                if best_what is not None and phrase is None:
                    phrase = best_end, best_what  # 75名家庭|贫困学生: look on for the wanted noun
                i += 1
        if phrase is not None and kept is None:
            best_end, best_what = phrase
        joined = hop and stop < len(text) and text[stop] in rules.zh_noun_conjunctions
        if joined and best_what and best_end == stop:
            end, what = self.find_zh_noun(stop + 1, want, hop=False, listing=True)  # 300名老师和校长
            if what and what == best_what:
                best_end = end
                kept = end if what == want else kept
        elif joined and best_what is None:
            end, what = self.find_zh_noun(stop + 1, want, hop=False)  # 38个道路和灌溉项目
            if what:
                return end, what
        if kept is not None and best_what != want:
            return kept, want
        if (
            want is not None
            and kept is None
            and hops > 0
            and stop < len(text)
            and text[stop] in rules.zh_head_markers
        ):
            end, what = self.find_zh_noun(stop + 1, want, hop=False, hops=hops - 1)  # 86名家里困难的高中生
            if what == want:
                return end, what
        if (
            hop
            and want is None
            and best_what
            and best_end < stop < len(text)
            and text[stop] in rules.zh_head_markers
        ):
            end, what = self.find_zh_noun(stop + 1, hop=False)  # 9个事关村民日常生活的民生项目
            if what:
                return end, what
        return best_end, best_what
