"""Form letters for synthetic campaigns: each with slots for a name and a town and one sentence senders vary.

Written for this project in the manner of organised submissions to a constitutional commission (a form letter
circulated by an association, each sender adding their name, town and a line of their own). Every template is a
different demand, so two campaigns never share a letter.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Template(NamedTuple):
    language: str
    text: str  # with {name}, {city} and {line}
    lines: tuple[str, ...]  # the sentence a sender picks or writes


NAMES_EN: Final = (
    "Aigerim Bekova", "Nurlan Sadykov", "Dana Omarova", "Yerlan Zhakupov", "Saule Ismailova", "Timur Akhmetov",
    "Gulnara Tulegenova", "Arman Seitkali", "Madina Karimova", "Daniyar Nurpeisov", "Aliya Mukanova",
    "Askar Baimukhanov", "Zhanar Abenova", "Ruslan Kim", "Elena Petrova", "Marat Esenov", "Asel Dzhaksybekova",
    "Bolat Kurmanov", "Kamila Yusupova", "Olzhas Tokayev",
)  # fmt: skip
NAMES_RU: Final = (
    "Айгерим Бекова", "Нурлан Садыков", "Дана Омарова", "Ерлан Жакупов", "Сауле Исмаилова", "Тимур Ахметов",
    "Гульнара Тулегенова", "Арман Сейткали", "Мадина Каримова", "Данияр Нурпеисов", "Алия Муканова",
    "Аскар Баймуханов", "Жанар Абенова", "Руслан Ким", "Елена Петрова", "Марат Есенов",
)  # fmt: skip
CITIES_EN: Final = (
    "Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe", "Taraz", "Pavlodar", "Oskemen", "Semey", "Atyrau",
    "Kostanay", "Kyzylorda", "Oral", "Petropavl", "Aktau", "Turkistan",
)  # fmt: skip
CITIES_RU: Final = (
    "Алматы", "Астана", "Шымкент", "Караганда", "Актобе", "Тараз", "Павлодар", "Усть-Каменогорск", "Семей",
    "Атырау", "Костанай", "Кызылорда", "Уральск", "Петропавловск", "Актау", "Туркестан",
)  # fmt: skip

TEMPLATES: Final = (
    Template(
        "en",
        "Dear members of the Constitutional Commission, my name is {name} and I live in {city}. I ask you to keep "
        "the rule that land belongs to the people and may never be sold to foreign buyers. {line} The land is our "
        "common inheritance and the Constitution must protect it for our grandchildren.",
        (
            "My family has farmed the same fields for three generations.",
            "Foreign investors already lease too much of our pasture.",
            "Selling land would leave villages without a future.",
            "Our region depends on grazing land that must stay in public hands.",
        ),
    ),
    Template(
        "en",
        "To the Constitutional Commission. I, {name}, a resident of {city}, support direct elections of akims in "
        "every district and city. {line} Please write the election of local heads into the new Constitution so "
        "that no future law can take it away.",
        (
            "Appointed officials answer to their superiors, not to us.",
            "People in my town want to choose who runs it.",
            "Elected akims would finally have to listen to residents.",
            "Local democracy starts with the right to vote for your own akim.",
        ),
    ),
    Template(
        "en",
        "I am {name} from {city} and I am writing together with our association of parents. The Constitution "
        "must guarantee free secondary education in the Kazakh, Russian and other languages of our peoples. "
        "{line} We ask the Commission to keep this guarantee word for word.",
        (
            "My children study in a Russian-language school and I want that choice to remain.",
            "Rural schools cannot survive if the state stops paying for them.",
            "Education in the mother tongue is a right, not a privilege.",
            "Paid schooling would divide our children by their parents' income.",
        ),
    ),
    Template(
        "en",
        "Hello, this is {name}, {city}. We, independent journalists and readers, demand that the new "
        "Constitution forbid censorship outright and protect the confidentiality of journalists' sources. {line} "
        "Freedom of speech means nothing if reporters can be forced to name the people who trust them.",
        (
            "Two of our local reporters were questioned about their sources last year.",
            "Without protected sources nobody will report corruption.",
            "Censorship returns quietly when the Constitution is vague.",
            "Readers deserve news that officials have not approved in advance.",
        ),
    ),
    Template(
        "ru",
        "Уважаемые члены Конституционной комиссии! Меня зовут {name}, я живу в городе {city}. Прошу сохранить в "
        "Конституции норму о том, что пенсии и социальные пособия не могут быть уменьшены. {line} Государство "
        "обязано защищать пожилых людей, а не экономить на них.",
        (
            "Моя мать получает пенсию, которой едва хватает на лекарства.",
            "Цены растут каждый год, а пособия остаются прежними.",
            "Пожилые люди не должны бояться за свое будущее.",
            "Мы всю жизнь работали и заслужили достойную старость.",
        ),
    ),
    Template(
        "ru",
        "В Конституционную комиссию от гражданина {name}, г. {city}. Предлагаю закрепить в Конституции право "
        "граждан на мирные собрания без предварительного разрешения акимата, только с уведомлением. {line} "
        "Разрешительный порядок фактически запрещает людям высказывать свое мнение.",
        (
            "В нашем городе за последние годы не согласовали ни одного митинга.",
            "Уведомления достаточно, чтобы полиция обеспечила порядок.",
            "Право на собрания признано международными договорами Казахстана.",
            "Люди должны иметь возможность открыто говорить о своих проблемах.",
        ),
    ),
    Template(
        "ru",
        "Я, {name}, житель города {city}, вместе с нашим экологическим движением требую записать в Конституцию "
        "право каждого на благоприятную окружающую среду и обязанность государства охранять воду и воздух. {line} "
        "Без чистой природы у наших детей нет будущего.",
        (
            "Наш город задыхается от выбросов заводов.",
            "Река, из которой мы берем воду, загрязнена уже много лет.",
            "Экологические нормы нарушаются, а штрафы смешные.",
            "Каждое лето степь горит, и никто не отвечает за это.",
        ),
    ),
    Template(
        "ru",
        "Здравствуйте! Пишет {name} из города {city}. Мы, врачи и пациенты, просим гарантировать в Конституции "
        "бесплатную медицинскую помощь в объеме, установленном законом, и не допускать закрытия сельских "
        "больниц. {line} Здоровье граждан должно быть заботой государства.",
        (
            "До ближайшей больницы от нашего села больше ста километров.",
            "Платные услуги уже вытеснили бесплатные в нашей поликлинике.",
            "Врачей в районе не хватает, а ставки сокращают.",
            "Лекарства для хронических больных должны оставаться бесплатными.",
        ),
    ),
)
