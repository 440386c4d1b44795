package com.plexichat.platform.test.architecture.leaky.widget;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A fixture: the leak the rules exist for, a controller reading the repository and answering with its row. */
@RestController
class WidgetController {

    private final WidgetRepository widgets;

    WidgetController(WidgetRepository widgets) {
        this.widgets = widgets;
    }

    @GetMapping("/widgets/1")
    public WidgetRepository.Widget get() {
        return widgets.find(1);
    }
}
