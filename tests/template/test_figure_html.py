"""Big figures in templates: one span per part, and a class for figures too wide for a narrow cell."""

from xinhui_print.model.figures import figure_from_number
from xinhui_print.template import figure_html


def test_the_seed_figures_keep_their_size():
    html = figure_html(figure_from_number(7.5, "%", "以上"))
    assert 'class="kpi-fig"' in html and '<span class="num">7.5</span>' in html


def test_the_longest_figure_the_data_allows_is_marked_long():
    assert 'class="kpi-fig fig-long"' in figure_html(figure_from_number(123456, "万平方米"))
